using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ChurnOps.Dashboard.Tests;

/// <summary>A visitor filters, sorts and compares runs, opens a run's plots, and meets the friendly errors.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ExperimentPagesBrowserTests(DashboardFixture fixture)
{
    [Fact]
    public async Task RunsTable_TypeFilterAndSubmit_ShowsOnlyTheMatchingRun()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/ui/experiments/{fixture.Quickstart.ExperimentId}");
        await DashboardFixture.ScreenshotAsync(page, "experiment-runs");

        await page.GetByLabel("Filter (MLflow search syntax)").FillAsync("tags.`churnops.trainer` = 'logreg'");
        // The Apply button, not Enter: a key press can land before the input has focus on a loaded CI machine.
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("filter="));
        await DashboardFixture.ScreenshotAsync(page, "experiment-runs-filtered");

        await Assertions.Expect(page.Locator("table.runs tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("table.runs tbody tr a").First).ToHaveTextAsync("logreg");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RunsTable_ClickMetricHeader_SortsByItAndMarksTheColumn()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/ui/experiments/{fixture.Quickstart.ExperimentId}");

        await page.Locator("table.runs thead a", new PageLocatorOptions { HasTextString = "test_auc" }).First.ClickAsync();
        await page.WaitForURLAsync(new Regex("order="));

        await Assertions.Expect(page.Locator("table.runs th[aria-sort=descending]")).ToContainTextAsync("test_auc");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Compare_TickTwoRunsAndSubmit_ShowsThemSideBySideWithCharts()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/ui/experiments/{fixture.Quickstart.ExperimentId}");
        var first = fixture.Quickstart.Candidates[0];
        var second = fixture.Quickstart.Candidates[1];

        await page.Locator($"input[name=runs][value='{first.RunId}']").CheckAsync();
        await page.Locator($"input[name=runs][value='{second.RunId}']").CheckAsync();
        await Assertions.Expect(page.Locator("[data-compare-submit]")).ToHaveTextAsync("Compare 2 runs");
        await page.Locator("[data-compare-submit]").ClickAsync();
        await page.WaitForURLAsync(new Regex("/ui/runs/compare"));
        await DashboardFixture.ScreenshotAsync(page, "compare");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Comparing 2 runs");
        await Assertions.Expect(page.Locator("svg.chart").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("table.compare-metrics thead")).ToContainTextAsync(first.Trainer);
        await Assertions.Expect(page.Locator("table.compare-metrics thead")).ToContainTextAsync(second.Trainer);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RunPage_Open_LoadsEveryPlotImage()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(await ParentRunUrlAsync());
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await DashboardFixture.ScreenshotAsync(page, "run-plots");

        var widths = await page.EvaluateAsync<int[]>("() => [...document.querySelectorAll('figure img')].map(i => i.naturalWidth)");
        Assert.True(widths.Length >= 3, $"{widths.Length} plots shown");
        Assert.All(widths, w => Assert.True(w > 0, "an image did not load"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task BadFilter_Submitted_ShowsTheFriendly400Page()
    {
        var page = await fixture.NewPageAsync();
        var response = await page.GotoAsync($"/ui/experiments/{fixture.Quickstart.ExperimentId}?filter=" + Uri.EscapeDataString("metrics.test_auc >>> 1"));
        await DashboardFixture.ScreenshotAsync(page, "error-bad-filter");

        Assert.Equal(400, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Bad filter");
        await Assertions.Expect(page.Locator(".problem a").First).ToHaveTextAsync("Back to Experiments");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task MissingRun_Opened_ShowsTheFriendly404Page()
    {
        var page = await fixture.NewPageAsync(390, 844);
        var response = await page.GotoAsync("/ui/runs/ffffffffffffffffffffffffffffffff");
        await DashboardFixture.ScreenshotAsync(page, "error-missing-run-phone");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Run not found");
        await page.Context.CloseAsync();
    }

    private async Task<string> ParentRunUrlAsync()
    {
        using var response = await fixture.Http.GetAsync($"/api/v1/runs/{fixture.Quickstart.Candidates[0].RunId}");
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return "/ui/runs/" + json.RootElement.GetProperty("tags").GetProperty("mlflow.parentRunId").GetString();
    }
}
