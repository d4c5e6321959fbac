using System.Text.Json;
using ChurnOps.Core.Registry;
using ChurnOps.Platform.Projects;
using ChurnOps.Server.Hosting;
using Microsoft.AspNetCore.Builder;

namespace ChurnOps.Cli.Tests.Models;

/// <summary>
/// The ML → MLOps hand-off end to end on a copy of the quickstart project, with real churnops processes and a real
/// server: train registers a pending version, approval is refused until the accountable team signs it off (not the
/// trainer, not another team, never a gate-failing version), the serving alias moves, score reads models:/churn@champion,
/// and an MLflow client downloads the version through get-download-uri.
/// </summary>
[Collection(QuickstartCollection.Name)]
public sealed class ModelsFlowTests(QuickstartFixture fixture) : IDisposable
{
    private static readonly string[] Quick = ["--trainers", "logreg", "--search-trials", "1", "--cv-folds", "2"];
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    [Fact]
    public async Task Flow_TrainApproveAliasScoreDownload_EachRefusalPreciseAndEachStepRecorded()
    {
        var project = CopyProject();

        // The quickstart's own first version was signed off on the accountable team's behalf, recorded as such.
        var quickstart = await RunJsonAsync(project, "models", "show", "churn", "1", "--json");
        var quickstartApproval = Assert.Single(quickstart.GetProperty("approvals").EnumerateArray());
        Assert.Equal(("quickstart", "mlops-team"), (quickstartApproval.GetProperty("actor").GetString(), quickstartApproval.GetProperty("team").GetString()));

        var trained = await RunJsonAsync(project, ["train", "--json", .. Quick]);
        var version = trained.GetProperty("registered_version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var shown = await RunJsonAsync(project, "models", "show", "churn", version, "--json");
        Assert.Equal("pending_approval", shown.GetProperty("status").GetString());
        Assert.Matches("^[0-9a-f]{64}$", shown.GetProperty("version").GetProperty("artifactSha256").GetString());
        var lineage = shown.GetProperty("version").GetProperty("lineage");
        Assert.Contains(lineage.GetProperty("datasetVersions").EnumerateArray(), d => d.GetString()!.StartsWith("labels@", StringComparison.Ordinal));
        Assert.Contains(lineage.GetProperty("datasetVersions").EnumerateArray(), d => d.GetString()!.StartsWith("customers@", StringComparison.Ordinal));
        Assert.Equal(lineage.GetProperty("datasetVersion").GetString(), lineage.GetProperty("datasetVersions").EnumerateArray().Select(d => d.GetString()!).Single(d => d.StartsWith("labels@", StringComparison.Ordinal))["labels@".Length..]);
        Assert.False(string.IsNullOrEmpty(lineage.GetProperty("contractVersion").GetString()));
        Assert.Equal("max_f1", lineage.GetProperty("thresholdPolicy").GetString());
        Assert.Equal(shown.GetProperty("version").GetProperty("runId").GetString(), lineage.GetProperty("sourceRunId").GetString());

        await AssertRefusedAsync(project, "approval by the accountable team 'mlops-team' is missing (churnops models approve churn " + version + ")", "models", "alias", "churn", "champion", version);
        await AssertRefusedAsync(project, "sign-off belongs to the accountable team 'mlops-team' (registry.approval.accountable_team), and carol acts for 'data-science'", "models", "approve", "churn", version, "--as", "carol", "--team", "data-science");
        await AssertRefusedAsync(project, $"four-eyes rule (registry.approval.four_eyes) — {Environment.UserName} trained it", "models", "approve", "churn", version, "--team", "mlops-team");
        var failing = await RegisterGateFailingAsync(project);
        await AssertRefusedAsync(project, $"cannot approve churn v{failing}: it fails its evaluation gates (auc 0.55 < min_auc 0.7)", "models", "approve", "churn", failing.ToString(System.Globalization.CultureInfo.InvariantCulture), "--as", "carol", "--team", "mlops-team");

        var approve = await CliProcess.RunAsync(project, "models", "approve", "churn", version, "--as", "carol", "--team", "mlops-team", "--note", "precision meets the PM target");
        Assert.True(approve.ExitCode == 0, approve.Stderr);
        var alias = await CliProcess.RunAsync(project, "models", "alias", "churn", "champion", version);
        Assert.True(alias.ExitCode == 0, alias.Stderr);
        await AssertRefusedAsync(project, $"churn v{version} cannot be deleted: alias 'champion' (serving.alias, serves traffic) points to it", "models", "delete", "churn", version);

        var input = Path.Combine(_temp.Path, "rows.csv");
        var set = await CliProcess.RunAsync(_temp.Path, "features", "training-set", "--entities", Path.Combine(project, "data", "labels.csv"), "--views", "customer_features", "--out", input, "-C", project);
        Assert.True(set.ExitCode == 0, set.Stderr);
        var score = await CliProcess.RunAsync(project, "score", "-m", "models:/churn@champion", "-i", input, "-o", Path.Combine(_temp.Path, "scores.csv"));
        Assert.True(score.ExitCode == 0, score.Stderr);
        Assert.Contains($"with churn v{version} ", score.Stdout, StringComparison.Ordinal);

        var approved = await RunJsonAsync(project, "models", "show", "churn", version, "--json");
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Equal(["champion"], approved.GetProperty("aliases").GetString()!.Split(", "));
        var record = Assert.Single(approved.GetProperty("approvals").EnumerateArray());
        Assert.Equal(("carol", "mlops-team", "precision meets the PM target"), (record.GetProperty("actor").GetString(), record.GetProperty("team").GetString(), record.GetProperty("note").GetString()));
        Assert.True(record.GetProperty("evidenceVerdict").GetProperty("passed").GetBoolean());

        await AssertDownloadsThroughMlflowAsync(project, version);
    }

    [Fact]
    public async Task BadInput_UnknownModelVersionAliasAndNonIntegerVersion_OneLineErrors()
    {
        var project = CopyProject();

        await AssertRefusedAsync(project, "Registered Model with name=upsell not found", "models", "show", "upsell");
        await AssertRefusedAsync(project, "Model Version (name=churn, version=99) not found", "models", "approve", "churn", "99", "--as", "carol", "--team", "mlops-team");
        await AssertRefusedAsync(project, "version 'three' is not a positive whole number", "models", "show", "churn", "three");
        await AssertRefusedAsync(project, "'latest' is a reserved alias name", "models", "alias", "churn", "latest", "1");
        await AssertRefusedAsync(project, "model 'churn' has no version with alias 'nope'", "score", "-m", "models:/churn@nope", "-i", Path.Combine(project, "data", "labels.csv"), "-o", Path.Combine(_temp.Path, "x.csv"));
        await AssertRefusedAsync(project, "model URI 'models:/churn/three': 'three' is not a version number", "score", "-m", "models:/churn/three", "-i", Path.Combine(project, "data", "labels.csv"), "-o", Path.Combine(_temp.Path, "x.csv"));
        await AssertRefusedAsync(project, "rejecting churn v1 needs a note saying why", "models", "reject", "churn", "1", "--as", "carol", "--team", "mlops-team", "--note", " ");
        await AssertRefusedAsync(project, "model churn cannot be deleted: alias 'champion' (serving.alias, serves traffic) points to v", "models", "delete", "churn");

        var listed = await RunJsonAsync(project, "models", "list", "--json");
        var churn = Assert.Single(listed.EnumerateArray(), m => m.GetProperty("name").GetString() == "churn");
        Assert.True(churn.GetProperty("aliases").TryGetProperty("champion", out _));
    }

    /// <summary>A private copy: these tests move the champion, which the other quickstart suites rely on.</summary>
    private string CopyProject()
    {
        var target = _temp.Sub("project-" + Guid.NewGuid().ToString("N")[..6]);
        ProjectCopy.Into(fixture.ProjectDir, target);
        return target;
    }

    private static async Task<JsonElement> RunJsonAsync(string project, params string[] args)
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(project, args);
        Assert.True(code == 0, $"{string.Join(' ', args)}: {stderr}");
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    private static async Task AssertRefusedAsync(string project, string expected, params string[] args)
    {
        var (code, _, stderr) = await CliProcess.RunAsync(project, args);
        Assert.NotEqual(0, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    private static async Task<int> RegisterGateFailingAsync(string project)
    {
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(project, ProjectAccess.ReadOnly, TimeProvider.System, CancellationToken.None);
        Assert.True(workspace is not null, error);
        var version = await workspace.Registry.RegisterAsync(
            new NewModelVersion("churn", "run-x", "models/churn/x/model.zip", "logreg", new Dictionary<string, double> { ["valid_auc"] = 0.55 },
                new ModelLineage(null, new Dictionary<string, string>(), null, null, 42, "churned", null), "dave", null)
            {
                Gates = new GateVerdict(false, new Dictionary<string, double> { ["min_auc"] = 0.7 }, ["auc 0.55 < min_auc 0.7"]),
            },
            CancellationToken.None);
        return version.Version;
    }

    private static async Task AssertDownloadsThroughMlflowAsync(string project, string version)
    {
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(project, TimeProvider.System, CancellationToken.None);
        Assert.True(workspace is not null, error);
        var app = ChurnOpsServer.Build(workspace, new ServerOptions("http://127.0.0.1:0"));
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            var answer = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/2.0/mlflow/model-versions/get-download-uri?name=churn&version={version}", UriKind.Relative))).RootElement;
            var uri = answer.GetProperty("artifact_uri").GetString()!;
            Assert.StartsWith("mlflow-artifacts:/", uri, StringComparison.Ordinal);
            var bytes = await http.GetByteArrayAsync(new Uri("/api/2.0/mlflow-artifacts/artifacts/" + uri["mlflow-artifacts:/".Length..] + "/model.zip", UriKind.Relative));
            var registered = (await workspace.Registry.GetAsync("churn", int.Parse(version, System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None))!;
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(project, ".churnops", "artifacts", registered.ArtifactPath)), bytes);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
