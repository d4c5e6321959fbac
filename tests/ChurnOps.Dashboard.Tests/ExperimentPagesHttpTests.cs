using System.Net;
using System.Text.Json;

namespace ChurnOps.Dashboard.Tests;

/// <summary>The Experiments pages and twins over HTTP against the quickstart's runs: filter, sort, pages, compare, run page, errors.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ExperimentPagesHttpTests(DashboardFixture fixture)
{
    private string ExperimentId => fixture.Quickstart.ExperimentId;

    [Fact]
    public async Task RunsPage_FilterByTrainerTag_ListsOnlyThatCandidate()
    {
        var lightgbm = fixture.Quickstart.Candidates.Single(c => c.Trainer == "lightgbm");
        var filter = Uri.EscapeDataString("tags.`churnops.trainer` = 'lightgbm'");

        var html = await GetOkAsync($"/ui/experiments/{ExperimentId}?filter={filter}");

        Assert.Contains($"/ui/runs/{lightgbm.RunId}", html, StringComparison.Ordinal);
        foreach (var other in fixture.Quickstart.Candidates.Where(c => c.Trainer != "lightgbm"))
        {
            Assert.DoesNotContain(other.RunId, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunsTwin_OrderByMetricAscending_ReturnsRunsInThatOrder()
    {
        var order = Uri.EscapeDataString("metrics.test_auc ASC");

        using var json = JsonDocument.Parse(await GetOkAsync($"/api/v1/experiments/{ExperimentId}/runs?order={order}"));

        var aucs = json.RootElement.GetProperty("runs").EnumerateArray()
            .Select(r => r.GetProperty("metrics").TryGetProperty("test_auc", out var v) ? v.GetDouble() : (double?)null)
            .Where(v => v is not null).Select(v => v!.Value).ToList();
        Assert.True(aucs.Count >= fixture.Quickstart.Candidates.Count);
        Assert.Equal(aucs.Order(), aucs);
    }

    [Fact]
    public async Task RunsTwin_PagesOfTwo_AreDisjointAndSayWhetherMoreFollow()
    {
        using var first = JsonDocument.Parse(await GetOkAsync($"/api/v1/experiments/{ExperimentId}/runs?size=2"));
        using var second = JsonDocument.Parse(await GetOkAsync($"/api/v1/experiments/{ExperimentId}/runs?size=2&page=2"));

        var firstIds = first.RootElement.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("runId").GetString()).ToList();
        var secondIds = second.RootElement.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("runId").GetString()).ToList();
        Assert.Equal(2, firstIds.Count);
        Assert.NotEmpty(secondIds);
        Assert.Empty(firstIds.Intersect(secondIds));
        Assert.True(first.RootElement.GetProperty("hasNextPage").GetBoolean());
    }

    [Fact]
    public async Task RunsTwin_NextCursor_WalksTheSameRunsAsOffsetPages()
    {
        var byOffset = new List<string>();
        for (var page = 1; ; page++)
        {
            using var json = JsonDocument.Parse(await GetOkAsync($"/api/v1/experiments/{ExperimentId}/runs?size=1&page={page}"));
            byOffset.AddRange(json.RootElement.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("runId").GetString()!));
            if (!json.RootElement.GetProperty("hasNextPage").GetBoolean())
            {
                break;
            }
        }

        var byCursor = new List<string>();
        string? after = null;
        do
        {
            using var json = JsonDocument.Parse(await GetOkAsync($"/api/v1/experiments/{ExperimentId}/runs?size=1" + (after is null ? string.Empty : "&after=" + after)));
            byCursor.AddRange(json.RootElement.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("runId").GetString()!));
            after = json.RootElement.GetProperty("nextAfter").GetString();
            Assert.True(byCursor.Count <= byOffset.Count, "the cursor walk does not end");
        }
        while (after is not null);

        Assert.True(byOffset.Count >= 4, $"{byOffset.Count} runs");
        Assert.Equal(byOffset, byCursor);
    }

    [Theory]
    [InlineData("?filter=metrics.test_auc%20%3E%3E%3E%201", "Bad filter")]
    [InlineData("?order=metrics.test_auc%20SIDEWAYS", "Bad sort order")]
    [InlineData("?page=0", "Bad page number")]
    [InlineData("?size=100000", "Bad page size")]
    [InlineData("?after=yesterday", "Bad page cursor")]
    public async Task RunsPage_BadQuery_IsFriendly400OnPageAndTwin(string query, string title)
    {
        using var page = await fixture.Http.GetAsync($"/ui/experiments/{ExperimentId}{query}");
        var html = await page.Content.ReadAsStringAsync();
        using var twin = await fixture.Http.GetAsync($"/api/v1/experiments/{ExperimentId}/runs{query}");
        using var problem = JsonDocument.Parse(await twin.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains($"<h1>{title}</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, twin.StatusCode);
        Assert.Equal(title, problem.RootElement.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/ui/runs/0123456789abcdef0123456789abcdef", "/api/v1/runs/0123456789abcdef0123456789abcdef", "Run not found")]
    [InlineData("/ui/experiments/987654", "/api/v1/experiments/987654/runs", "Experiment not found")]
    public async Task Missing_RunOrExperiment_IsFriendly404OnPageAndTwin(string pagePath, string twinPath, string title)
    {
        using var page = await fixture.Http.GetAsync(pagePath);
        var html = await page.Content.ReadAsStringAsync();
        using var twin = await fixture.Http.GetAsync(twinPath);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains($"<h1>{title}</h1>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, twin.StatusCode);
    }

    [Fact]
    public async Task RunPage_ParentRun_ShowsTheEvaluationPlotsAsImages()
    {
        var parent = await ParentRunIdAsync();

        var html = await GetOkAsync($"/ui/runs/{parent}");
        using var image = await fixture.Http.GetAsync($"/ui/runs/{parent}/artifacts/plots/roc.png");
        var bytes = await image.Content.ReadAsByteArrayAsync();

        foreach (var plot in new[] { "roc", "pr", "calibration" })
        {
            Assert.Contains($"/ui/runs/{parent}/artifacts/plots/{plot}.png", html, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
    }

    [Fact]
    public async Task RunPage_DeletedRun_SaysSoAndTheTableNoLongerListsIt()
    {
        var experiment = await PostMlflowAsync("experiments/create", "{\"name\":\"dashboard-deleted-run\"}");
        var experimentId = experiment.GetProperty("experiment_id").GetString()!;
        var run = await PostMlflowAsync("runs/create", $"{{\"experiment_id\":\"{experimentId}\",\"run_name\":\"short-lived\"}}");
        var runId = run.GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!;
        await PostMlflowAsync("runs/delete", $"{{\"run_id\":\"{runId}\"}}");

        var page = await GetOkAsync($"/ui/runs/{runId}");
        var table = await GetOkAsync($"/ui/experiments/{experimentId}");

        Assert.Contains("This run is deleted", page, StringComparison.Ordinal);
        Assert.DoesNotContain(runId, table, StringComparison.Ordinal);
        Assert.Contains("No runs in this experiment yet.", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunArtifact_NotAnImage_Is404()
    {
        var parent = await ParentRunIdAsync();

        using var response = await fixture.Http.GetAsync($"/ui/runs/{parent}/artifacts/..%2F..%2Fmetadata.db");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Compare_TwoCandidates_ShowsBothWithAChart()
    {
        var ids = fixture.Quickstart.Candidates.Take(2).Select(c => c.RunId).ToList();

        var html = await GetOkAsync("/ui/runs/compare?runs=" + ids[0] + "&runs=" + ids[1]);
        using var twin = JsonDocument.Parse(await GetOkAsync("/api/v1/runs/compare?runs=" + ids[0] + "&runs=" + ids[1]));

        Assert.Contains("<h1>Comparing 2 runs</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"chart\"", html, StringComparison.Ordinal);
        Assert.Equal(ids, twin.RootElement.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("runId").GetString()));
        Assert.Contains("test_auc", twin.RootElement.GetProperty("metricKeys").EnumerateArray().Select(k => k.GetString()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public async Task Compare_WrongNumberOfRuns_Is400(int count)
    {
        var query = string.Join('&', Enumerable.Range(0, count).Select(i => "runs=" + i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture)));

        using var response = await fixture.Http.GetAsync("/ui/runs/compare?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Pick 2 to 5 runs", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<string> ParentRunIdAsync()
    {
        var candidate = fixture.Quickstart.Candidates[0].RunId;
        using var json = JsonDocument.Parse(await GetOkAsync($"/api/v1/runs/{candidate}"));
        return json.RootElement.GetProperty("tags").GetProperty("mlflow.parentRunId").GetString()!;
    }

    private async Task<JsonElement> PostMlflowAsync(string path, string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await fixture.Http.PostAsync("/api/2.0/mlflow/" + path, content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    private async Task<string> GetOkAsync(string path)
    {
        using var response = await fixture.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {DashboardText.Cut(body)}");
        return body;
    }
}
