using System.Globalization;
using Microsoft.Playwright;

namespace ChurnOps.Dashboard.Tests;

/// <summary>
/// Chromium on the operations pages of the quickstart project: approve a pending version as the accountable team (after
/// the four-eyes refusal of its trainer), roll back the canary, ack an alert, and open the monitoring, pipeline and
/// lineage pictures; screenshots go to TestResults/screenshots. Each test owns the object it changes.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class OperationsBrowserTests(DashboardFixture fixture)
{
    private static readonly LocatorAssertionsToContainTextOptions Within = new() { Timeout = 15_000 };

    [Fact]
    public async Task ModelVersion_ApproveAsTrainerThenAsAccountableTeam_RefusesThenApproves()
    {
        var data = await OperationsSetup.EnsureAsync(fixture);
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/ui/models/churn/versions/{data.PendingVersion.ToString(CultureInfo.InvariantCulture)}");
        await DashboardFixture.ScreenshotAsync(page, "model-version-pending");
        var status = page.Locator("#sign-off ~ [data-action-status], section[data-action-scope] [data-action-status]").First;

        await page.FillAsync("#decision-actor", OperationsDemo.Trainer);
        await page.ClickAsync("button:has-text('Approve')");
        await Assertions.Expect(status).ToContainTextAsync("four-eyes", Within);
        await DashboardFixture.ScreenshotAsync(page, "model-version-four-eyes");

        await page.FillAsync("#decision-actor", "carol");
        await page.FillAsync("#decision-note", "card and gates reviewed");
        await page.ClickAsync("button:has-text('Approve')");

        await Assertions.Expect(page.Locator(".cards .card .pill").First).ToHaveTextAsync("approved", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#sign-off + div table, section[aria-labelledby=sign-off] table").First).ToContainTextAsync("carol", Within);
        await DashboardFixture.ScreenshotAsync(page, "model-version-approved");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Deployment_RollBack_ConfirmedInTheBrowser_ShowsRolledBack()
    {
        var data = await OperationsSetup.EnsureAsync(fixture);
        var page = await fixture.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync($"/ui/deployments/{data.Deployment.ToString(CultureInfo.InvariantCulture)}");
        await DashboardFixture.ScreenshotAsync(page, "deployment-canary");

        await page.ClickAsync("button:has-text('Roll back')");

        await Assertions.Expect(page.Locator(".cards .card .pill").First).ToHaveTextAsync("rolled-back", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("rolled back by hand", Within);
        await Assertions.Expect(page.Locator("button:has-text('Roll back')")).ToHaveCountAsync(0);
        await DashboardFixture.ScreenshotAsync(page, "deployment-rolled-back");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Alerts_Ack_MovesTheAlertToAckedWithWhoAcked()
    {
        var data = await OperationsSetup.EnsureAsync(fixture);
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/ui/alerts");
        await DashboardFixture.ScreenshotAsync(page, "alerts-open");
        var id = data.DriftAlert.ToString(CultureInfo.InvariantCulture);

        await page.FillAsync("#alert-by", "dora");
        await page.ClickAsync($"button[aria-label='Acknowledge alert {id}']");

        var row = page.Locator("tr", new() { Has = page.Locator($"button[aria-label='Resolve alert {id}']") });
        await Assertions.Expect(row).ToContainTextAsync("acked", Within);
        await Assertions.Expect(row).ToContainTextAsync("dora", Within);
        await Assertions.Expect(page.Locator($"button[aria-label='Acknowledge alert {id}']")).ToHaveCountAsync(0);
        await DashboardFixture.ScreenshotAsync(page, "alerts-acked");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/ui/models/churn", "models-churn", false)]
    [InlineData("/ui/models/churn/versions/1", "model-version-1", true)]
    [InlineData("/ui/monitoring?window=1d&windows=7", "monitoring-churn", true)]
    [InlineData("/ui/pipelines/hello", "pipeline-hello", true)]
    [InlineData("/ui/pipelines/runs/{run}", "pipeline-run", true)]
    public async Task Page_Open_DrawsItsPicturesWithoutConsoleErrors(string path, string screenshot, bool pictures)
    {
        var data = await OperationsSetup.EnsureAsync(fixture);
        var page = await fixture.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);

        var response = await page.GotoAsync(path.Replace("{run}", data.PipelineRun.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        await DashboardFixture.ScreenshotAsync(page, screenshot);

        Assert.Equal(200, response!.Status);
        Assert.Empty(errors);
        Assert.Equal(pictures, await page.Locator("main svg").CountAsync() > 0);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/ui/models/churn/versions/{canary}", "svg.graph", "lineage-graph")]
    [InlineData("/ui/pipelines/hello", "svg.graph", "pipeline-dag")]
    public async Task Graph_Rendered_NoBoxOverlapsAnotherAndEveryLabelFitsItsBox(string path, string selector, string screenshot)
    {
        var data = await OperationsSetup.EnsureAsync(fixture);
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(path.Replace("{canary}", data.CanaryVersion.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        await page.Locator(selector).First.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(DashboardFixture.ScreenshotDir, screenshot + ".png") });

        // Measured by the browser on the drawn SVG: boxes pairwise apart, each text inside its own box.
        var problems = await page.EvaluateAsync<string[]>("""
            (selector) => {
              const svg = document.querySelector(selector);
              const groups = [...svg.querySelectorAll('g[data-node]')];
              const boxes = groups.map(g => g.querySelector('rect').getBBox());
              const found = [];
              boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b, k) => {
                if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
                  found.push(groups[i].dataset.node + ' overlaps ' + groups[i + 1 + k].dataset.node);
              }));
              groups.forEach((g, i) => g.querySelectorAll('text').forEach(t => {
                const r = t.getBBox(), box = boxes[i];
                if (r.x < box.x || r.x + r.width > box.x + box.width || r.y < box.y || r.y + r.height > box.y + box.height)
                  found.push(g.dataset.node + ': "' + t.textContent + '" sticks out of its box');
              }));
              return groups.length === 0 ? ['no boxes drawn'] : found;
            }
            """, selector);

        Assert.Empty(problems);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Phone_DarkMode_ModelVersionScrollsItsPicturesNotThePage()
    {
        await OperationsSetup.EnsureAsync(fixture);
        var page = await fixture.NewPageAsync(390, 844, ColorScheme.Dark);
        await page.GotoAsync("/ui/models/churn/versions/1");
        await DashboardFixture.ScreenshotAsync(page, "model-version-1-phone-dark");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardFixture.ScreenshotDir, "model-version-1-phone-dark-top.png") });

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");

        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the phone's screen");
        await page.Context.CloseAsync();
    }
}
