using System.Net;
using System.Text.Json;

namespace ChurnOps.Dashboard.Tests;

/// <summary>The pages and their JSON twins over plain HTTP: status codes, content types, headers, friendly errors.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardHttpTests(DashboardFixture fixture)
{
    [Theory]
    [InlineData("/ui/overview", "Overview")]
    [InlineData("/ui/experiments", "Experiments")]
    [InlineData("/ui/data", "Data")]
    [InlineData("/ui/data/contracts/customers", "Contract customers")]
    [InlineData("/ui/features", "Features")]
    [InlineData("/ui/features/customer_features", "Feature view customer_features")]
    [InlineData("/ui/models", "Models")]
    [InlineData("/ui/deployments", "Deployments")]
    [InlineData("/ui/monitoring", "Monitoring")]
    [InlineData("/ui/alerts", "Alerts")]
    [InlineData("/ui/pipelines", "Pipelines")]
    public async Task Page_Exists_AnswersHtmlWithNavigationAndTwin(string path, string title)
    {
        using var response = await fixture.Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"<title>{title}", html, StringComparison.Ordinal);
        foreach (var section in new[] { "Overview", "Data", "Features", "Experiments", "Models", "Deployments", "Monitoring", "Alerts", "Pipelines" })
        {
            Assert.Contains($">{section}</a>", html, StringComparison.Ordinal);
        }

        Assert.Contains("rel=\"alternate\" type=\"application/json\"", html, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_Get_RedirectsToOverview()
    {
        using var response = await fixture.Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ui/overview", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task OverviewTwin_Get_ListsTheChainOfTheQuickstartModel()
    {
        using var response = await fixture.Http.GetAsync("/api/v1/overview");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var chain = json.RootElement.GetProperty("chains").EnumerateArray().Single(c => c.GetProperty("model").GetString() == "churn");
        var stages = chain.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("stage").GetString()).ToList();
        Assert.Equal(["Contract", "Feature view", "Model", "Deployment", "Consumers"], stages);
        var model = chain.GetProperty("stages")[2];
        Assert.Equal($"churn v{fixture.Quickstart.ModelVersion}", model.GetProperty("name").GetString());
        Assert.Contains(model.GetProperty("signal").GetString(), new[] { "Green", "Amber", "Red" });
    }

    [Fact]
    public async Task UnknownPage_Get_IsFriendly404()
    {
        using var response = await fixture.Http.GetAsync("/ui/no-such-page/<script>");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("There is no dashboard page at", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SectionNotBuiltYet_Get_SaysNotAvailableYet()
    {
        using var response = await fixture.Http.GetAsync("/ui/pipelines");
        var html = await response.Content.ReadAsStringAsync();

        // Another section may land its page; then it must still answer a page in the layout.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>Pipelines", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ui/assets/dashboard.css", "text/css")]
    [InlineData("/ui/assets/dashboard.js", "text/javascript")]
    public async Task Asset_Get_ServedFromTheAssemblyWithAnEtag(string path, string mediaType)
    {
        using var response = await fixture.Http.GetAsync(path);
        var etag = response.Headers.ETag;
        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(etag!);
        using var cached = await fixture.Http.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 500);
        Assert.Equal(HttpStatusCode.NotModified, cached.StatusCode);
    }
}
