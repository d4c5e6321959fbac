using System.Text.Json;
using ChurnOps.Core.Alerts;
using ChurnOps.Platform.Projects;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Tests.Audit;

/// <summary>`churnops handoffs` on a copy of the quickstart project: the four hand-offs of the flow, their owners, SLAs, sign-offs and status.</summary>
[Collection(QuickstartCollection.Name)]
public sealed class HandoffsCliTests(QuickstartFixture fixture) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    [Fact]
    public async Task Handoffs_QuickstartProject_ListsContractsFeatureViewModelVersionsAndTheApi()
    {
        var project = _temp.Sub("project");
        ProjectCopy.Into(fixture.ProjectDir, project);

        var all = await HandoffsAsync(project);
        var table = await CliProcess.RunAsync(project, "handoffs");

        var contracts = all.Where(h => Kind(h) == "contract").ToList();
        Assert.Equal(new[] { "customers 1.0.0", "events 1.0.0", "labels 1.0.0" }, contracts.Select(c => c.GetProperty("subject").GetString()!).ToArray());
        Assert.All(contracts, c => Assert.Equal(("data-engineering", "green"), (c.GetProperty("producer").GetString(), c.GetProperty("status").GetString())));
        Assert.Contains(contracts, c => c.GetProperty("sla").EnumerateArray().Any(s => s.GetProperty("name").GetString() == "freshness"));

        var view = Assert.Single(all, h => Kind(h) == "feature_view");
        Assert.Equal("customer_features", view.GetProperty("subject").GetString());
        Assert.Equal("green", view.GetProperty("status").GetString());
        Assert.Equal("30d", view.GetProperty("sla")[0].GetProperty("target").GetString());

        var champion = fixture.Rerun.ModelVersion;
        var serving = Assert.Single(all, h => Kind(h) == "model_version" && h.GetProperty("subject").GetString()!.StartsWith($"churn v{champion} (", StringComparison.Ordinal));
        Assert.Equal(("data-science", "mlops-team", "green"), (serving.GetProperty("producer").GetString(), serving.GetProperty("accountable").GetString(), serving.GetProperty("status").GetString()));
        var signOff = Assert.Single(serving.GetProperty("signOffs").EnumerateArray());
        Assert.Equal(("approved", "quickstart", "mlops-team"), (signOff.GetProperty("decision").GetString(), signOff.GetProperty("by").GetString(), signOff.GetProperty("team").GetString()));
        Assert.Contains(serving.GetProperty("sla").EnumerateArray(), s => s.GetProperty("name").GetString() == "min_auc" && s.GetProperty("target").GetString() == "0.7");

        var api = Assert.Single(all, h => Kind(h) == "deployment");
        Assert.Equal(("churn@champion", "mlops-team", "green"), (api.GetProperty("subject").GetString(), api.GetProperty("producer").GetString(), api.GetProperty("status").GetString()));
        Assert.Equal("software-engineering", Assert.Single(api.GetProperty("consumers").EnumerateArray()).GetString());
        Assert.Contains(api.GetProperty("sla").EnumerateArray(), s => s.GetProperty("name").GetString() == "latency_p99" && s.GetProperty("target").GetString() == "100 ms");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("churn@champion", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handoffs_OpenDriftAlertOnTheServingVersion_RedWithTheAlertAndItsRunbook_AndTeamFilters()
    {
        var project = _temp.Sub("project");
        ProjectCopy.Into(fixture.ProjectDir, project);
        var champion = fixture.Rerun.ModelVersion;
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(project, ProjectAccess.ReadOnly, TimeProvider.System, CancellationToken.None);
        Assert.True(workspace is not null, error);
        await workspace.Services.GetRequiredService<IAlertLifecycle>().RaiseOnceAsync(
            new Alert(0, Alert.DriftDetected, $"churn/v{champion}", "column drift", "3/13", "any", "mlops-team", "3 of 13 input columns drifted", DateTimeOffset.UtcNow)
            {
                Cause = $"drift:churn:v{champion}",
                Runbook = "runbooks/drift.md",
            },
            CancellationToken.None);

        var all = await HandoffsAsync(project);
        var dataScience = await HandoffsAsync(project, "--team", "data-science");

        var serving = Assert.Single(all, h => Kind(h) == "model_version" && h.GetProperty("subject").GetString()!.StartsWith($"churn v{champion} (", StringComparison.Ordinal));
        Assert.Equal("red", serving.GetProperty("status").GetString());
        Assert.Contains("3 of 13 input columns drifted", serving.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var open = Assert.Single(serving.GetProperty("openAlerts").EnumerateArray());
        Assert.Equal(("DriftDetected", "runbooks/drift.md"), (open.GetProperty("type").GetString(), open.GetProperty("runbook").GetString()));
        Assert.True(File.Exists(Path.Combine(project, open.GetProperty("runbook").GetString()!)));

        Assert.NotEmpty(dataScience);
        Assert.All(dataScience, h => Assert.True(
            h.GetProperty("producer").GetString() == "data-science" || h.GetProperty("accountable").GetString() == "data-science"
            || h.GetProperty("consumers").EnumerateArray().Any(c => c.GetString() == "data-science"), h.GetProperty("subject").GetString()));
        Assert.DoesNotContain(dataScience, h => Kind(h) == "deployment");
        Assert.Contains(dataScience, h => h.GetProperty("subject").GetString() == "labels 1.0.0");
    }

    private static string? Kind(JsonElement handoff) => handoff.GetProperty("kind").GetString();

    private static async Task<List<JsonElement>> HandoffsAsync(string project, params string[] options)
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(project, ["handoffs", "--json", .. options]);
        Assert.True(code == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
