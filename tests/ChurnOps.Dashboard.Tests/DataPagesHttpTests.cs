using System.Net;
using System.Text.Json;
using ChurnOps.Core.Contracts;
using ChurnOps.Platform.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Dashboard.Tests;

/// <summary>The Data pages and twins: contracts, a diff between two published versions, loads with their quarantine.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DataPagesHttpTests(DashboardFixture fixture)
{
    [Fact]
    public async Task DataTwin_Get_ListsTheQuickstartContractsAndEveryLoadWithItsCounts()
    {
        using var json = JsonDocument.Parse(await GetOkAsync("/api/v1/data"));

        var contracts = json.RootElement.GetProperty("contracts").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Contains("customers", contracts);
        var loads = json.RootElement.GetProperty("loads").EnumerateArray().ToList();
        foreach (var ingested in fixture.Quickstart.Ingested.Where(i => i.DatasetVersion is not null))
        {
            var load = loads.Single(l => l.GetProperty("version").GetString() == ingested.DatasetVersion && l.GetProperty("table").GetString() == ingested.Table);
            Assert.Equal(ingested.RowsRead, load.GetProperty("rowsRead").GetInt64());
            Assert.Equal(ingested.RowsQuarantined, load.GetProperty("rowsQuarantined").GetInt64());
        }
    }

    [Fact]
    public async Task LoadPage_WithQuarantinedRows_ShowsTheBrokenRulesAndSampleRows()
    {
        // 12 good customers of the quickstart's own file, and 3 whose id breaks the contract's pattern.
        var lines = (await File.ReadAllLinesAsync(Path.Combine(fixture.ProjectDir, "data", "customers.csv"))).Take(16).ToList();
        for (var i = 13; i < 16; i++)
        {
            lines[i] = "BAD" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + lines[i][lines[i].IndexOf(',', StringComparison.Ordinal)..];
        }

        var file = Path.Combine(fixture.ProjectDir, "data", "customers-with-bad-ids.csv");
        await File.WriteAllLinesAsync(file, lines);
        var ingest = await fixture.Services.GetRequiredService<IngestionService>().IngestAsync(new IngestRequest("customers", [file], null), CancellationToken.None);
        Assert.True(ingest.Succeeded, ingest.Error);
        Assert.Equal(3, ingest.RowsQuarantined);

        var html = await GetOkAsync($"/ui/data/loads/customers/{ingest.DatasetVersion}");
        using var twin = JsonDocument.Parse(await GetOkAsync($"/api/v1/data/loads/customers/{ingest.DatasetVersion}"));

        var rules = twin.RootElement.GetProperty("brokenRules").EnumerateArray().ToList();
        Assert.Equal(3, rules.Sum(r => r.GetProperty("rows").GetInt64()));
        var columns = twin.RootElement.GetProperty("sampleColumns").EnumerateArray().Select(c => c.GetString()).ToList();
        var ids = twin.RootElement.GetProperty("sampleRows").EnumerateArray().Select(r => r[columns.IndexOf("customer_id")].GetString()).ToList();
        Assert.Equal(["BAD13", "BAD14", "BAD15"], ids);
        Assert.Contains("Quarantined rows by broken rules", html, StringComparison.Ordinal);
        Assert.Contains(WebEncoded(rules[0].GetProperty("rules").GetString()!), html, StringComparison.Ordinal);
        Assert.Contains(">BAD14</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContractPage_TwoPublishedVersions_DiffNamesTheRemovedColumnAsBreaking()
    {
        var yaml = await File.ReadAllTextAsync(Path.Combine(fixture.ProjectDir, "contracts", "customers.yaml"));
        var v1 = yaml.Replace("id: customers", "id: diff-demo", StringComparison.Ordinal);
        var v2 = v1.Replace("version: 1.0.0", "version: 2.0.0", StringComparison.Ordinal)
            .Replace("      - name: signup_date\n        logicalType: date\n        physicalType: DATE\n        required: true\n", string.Empty, StringComparison.Ordinal);
        Assert.NotEqual(v1, v2);
        var store = fixture.Services.GetRequiredService<IContractStore>();
        await store.SaveAsync(new PublishedContract("diff-demo", "1.0.0", PublishedContract.Published, v1, "tester", DashboardFixture.AsOf), CancellationToken.None);
        await store.SaveAsync(new PublishedContract("diff-demo", "2.0.0", PublishedContract.Published, v2, "tester", DashboardFixture.AsOf.AddDays(1)), CancellationToken.None);

        var html = await GetOkAsync("/ui/data/contracts/diff-demo?from=1.0.0&to=2.0.0");
        using var twin = JsonDocument.Parse(await GetOkAsync("/api/v1/data/contracts/diff-demo?from=1.0.0&to=2.0.0"));

        var changes = twin.RootElement.GetProperty("changes").EnumerateArray().ToList();
        Assert.Contains(changes, c => c.GetProperty("severity").GetString() == "breaking" && c.GetProperty("path").GetString()!.Contains("signup_date", StringComparison.Ordinal));
        Assert.Contains("signup_date", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"1.0.0\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ui/data/contracts/no-such-contract", HttpStatusCode.NotFound)]
    [InlineData("/ui/data/contracts/customers?version=9.9.9", HttpStatusCode.NotFound)]
    [InlineData("/ui/data/contracts/customers?from=1.0.0&to=7.0.0", HttpStatusCode.BadRequest)]
    [InlineData("/ui/data/loads/customers/not-a-version", HttpStatusCode.NotFound)]
    public async Task DataPages_BadOrMissing_AnswerFriendlyErrorsOnPageAndTwin(string path, HttpStatusCode status)
    {
        using var page = await fixture.Http.GetAsync(path);
        var html = await page.Content.ReadAsStringAsync();
        using var twin = await fixture.Http.GetAsync(path.Replace("/ui/", "/api/v1/", StringComparison.Ordinal));

        Assert.Equal(status, page.StatusCode);
        Assert.Contains("class=\"problem\"", html, StringComparison.Ordinal);
        Assert.Equal(status, twin.StatusCode);
        Assert.Equal("application/problem+json", twin.Content.Headers.ContentType?.MediaType);
    }

    private static string WebEncoded(string text) => System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All).Encode(text);

    private async Task<string> GetOkAsync(string path)
    {
        using var response = await fixture.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {DashboardText.Cut(body)}");
        return body;
    }
}
