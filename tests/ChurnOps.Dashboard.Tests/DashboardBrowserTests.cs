using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ChurnOps.Dashboard.Tests;

/// <summary>Chromium walks the dashboard like a visitor: every page, keyboard navigation, phone width and dark mode.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardBrowserTests(DashboardFixture fixture)
{
    [Theory]
    [InlineData("/ui/overview", "overview")]
    [InlineData("/ui/experiments", "experiments")]
    [InlineData("/ui/data", "data")]
    [InlineData("/ui/data/contracts/customers", "data-contract")]
    [InlineData("/ui/features", "features")]
    [InlineData("/ui/features/customer_features", "feature-view")]
    [InlineData("/ui/models", "models")]
    [InlineData("/ui/deployments", "deployments")]
    [InlineData("/ui/monitoring", "monitoring")]
    [InlineData("/ui/alerts", "alerts")]
    [InlineData("/ui/pipelines", "pipelines")]
    public async Task Page_Open_RendersWithoutConsoleErrors(string path, string screenshot)
    {
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

        var response = await page.GotoAsync(path);
        await DashboardFixture.ScreenshotAsync(page, screenshot);

        Assert.Equal(200, response!.Status);
        Assert.Empty(errors);
        Assert.Equal("page", await page.Locator("header nav a[aria-current]").GetAttributeAsync("aria-current"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Overview_Open_DrawsTheChainWithEveryStage()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");

        var chain = page.Locator("svg.chain").First;
        await Assertions.Expect(chain).ToBeVisibleAsync();
        foreach (var stage in new[] { "CONTRACT", "FEATURE VIEW", "MODEL", "DEPLOYMENT", "CONSUMERS" })
        {
            await Assertions.Expect(chain.Locator("text", new LocatorLocatorOptions { HasTextRegex = new Regex("^" + stage + " · ") })).ToHaveCountAsync(1);
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Keyboard_FirstTab_ReachesTheSkipLinkAndItMovesFocusToMain()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/ui/overview");

        await page.Keyboard.PressAsync("Tab");
        var focused = await page.EvaluateAsync<string>("() => document.activeElement.textContent");
        await page.Keyboard.PressAsync("Enter");
        var afterEnter = await page.EvaluateAsync<string>("() => document.activeElement.id");

        Assert.Equal("Skip to content", focused);
        Assert.Equal("main", afterEnter);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Phone_DarkMode_NothingWiderThanTheScreen()
    {
        var page = await fixture.NewPageAsync(390, 844, ColorScheme.Dark);
        await page.GotoAsync("/ui/overview");
        await DashboardFixture.ScreenshotAsync(page, "overview-phone-dark");

        // Wide content (tables, the chain picture) scrolls inside its own box; the page itself never scrolls sideways.
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the phone's screen");
        Assert.Equal("rgb(15, 20, 25)", background);
        await page.Context.CloseAsync();
    }
}
