using System.Net;
using System.Text.Json;

namespace ChurnOps.Dashboard.Tests;

/// <summary>The Features pages and twins: views, statistics with histograms, and the model versions trained on them.</summary>
[Collection(DashboardCollection.Name)]
public sealed class FeaturePagesHttpTests(DashboardFixture fixture)
{
    [Fact]
    public async Task FeaturesTwin_Get_NamesTheQuickstartViewAndTheModelTrainedOnIt()
    {
        using var json = JsonDocument.Parse(await GetOkAsync("/api/v1/features/views"));

        var view = json.RootElement.EnumerateArray().Single(v => v.GetProperty("name").GetString() == fixture.Quickstart.FeatureView);
        Assert.Equal(fixture.Quickstart.FeatureViewVersion, view.GetProperty("version").GetString());
        Assert.Equal(fixture.Quickstart.FeatureCount, view.GetProperty("featureCount").GetInt32());
        var use = view.GetProperty("usedBy").EnumerateArray().Single(u => u.GetProperty("version").GetInt32() == fixture.Quickstart.ModelVersion);
        Assert.Equal("churn", use.GetProperty("model").GetString());
        Assert.True(use.GetProperty("onCurrentVersion").GetBoolean());
    }

    [Fact]
    public async Task FeatureViewPage_Built_ShowsAHistogramPerFeatureWithAxisLabels()
    {
        var html = await GetOkAsync($"/ui/features/{fixture.Quickstart.FeatureView}");
        using var twin = JsonDocument.Parse(await GetOkAsync($"/api/v1/features/views/{fixture.Quickstart.FeatureView}"));

        var stats = twin.RootElement.GetProperty("statistics").EnumerateArray().ToList();
        Assert.NotEmpty(stats);
        foreach (var stat in stats.Where(s => s.GetProperty("histogram").GetArrayLength() > 0))
        {
            Assert.Contains($"id=\"hist-{stat.GetProperty("feature").GetString()}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains(">rows</text>", html, StringComparison.Ordinal);
        Assert.Contains(">value (bin start)</text>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeatureViewPage_Unknown_IsFriendly404OnPageAndTwin()
    {
        using var page = await fixture.Http.GetAsync("/ui/features/no_such_view");
        using var twin = await fixture.Http.GetAsync("/api/v1/features/views/no_such_view");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("Feature view not found", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, twin.StatusCode);
    }

    private async Task<string> GetOkAsync(string path)
    {
        using var response = await fixture.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {DashboardText.Cut(body)}");
        return body;
    }
}
