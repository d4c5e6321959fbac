using ChurnOps.Core.Tracking;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Training;
using ChurnOps.Training.Candidates;
using ChurnOps.Training.Packaging;
using ChurnOps.Training.Scoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChurnOps.Platform.Tests.Training;

/// <summary>The train use case on a plain warehouse table (`churnops train --table`).</summary>
public sealed class TrainingUseCaseTableTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "churnops-train-" + Guid.NewGuid().ToString("N"));
    private ChurnOpsWorkspace _workspace = null!;

    public async Task InitializeAsync()
    {
        await ProjectTemplate.WriteAsync(_root, overwrite: false, CancellationToken.None);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(_root, time, CancellationToken.None);
        _workspace = workspace ?? throw new InvalidOperationException(error);
        await WarehouseTables.LoadAsync(_workspace.Warehouse, "staging", "telco", ChurnShapedTables.TelcoShaped(1500, seed: 3), _root);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // DuckDB may still hold its file on some platforms; the temp dir is cleaned by the OS.
        }

        return Task.CompletedTask;
    }

    // An id or excluded column the table does not have is refused before any run is logged: it used to be ignored,
    // so a misspelt id trained as a feature, or a leak stayed in.
    [Theory]
    [InlineData("customer_id")]
    [InlineData("customerid ")]
    public async Task TrainAsync_TableWithoutTheIdColumn_RefusedNamingItAndLogsNoRun(string id)
    {
        var job = new ModelTrainingJob("staging.telco", "churn", "Churn", "telco-exclude", 7, "tester")
        {
            Exclude = [id], Trainers = ["logreg"], SearchTrials = 1, CrossValidationFolds = 2, Register = false,
        };

        var result = await _workspace.Services.GetRequiredService<TrainingUseCase>().TrainAsync(job, null, CancellationToken.None);

        Assert.NotNull(result.Error);
        Assert.StartsWith($"column '{id}' to leave out (--id/--exclude) is not in staging.telco (columns: customerID, ", result.Error, StringComparison.Ordinal);
        var experiments = _workspace.Services.GetRequiredService<IExperimentStore>();
        Assert.Null((await experiments.GetExperimentByNameAsync("telco-exclude", CancellationToken.None)).Value);
    }

    [Fact]
    public async Task TrainAsync_TelcoShapedTable_StoresLoadableModelPlotsAndReports()
    {
        _workspace.Config.Gates.Clear();

        var result = await TrainAsync(Job("staging.telco"));

        Assert.Null(result.Error);
        Assert.True(result.Outcome!.Succeeded);
        Assert.Null(result.Registered);
        Assert.Equal(19, result.Outcome.Data.ColumnsUsed.Count);
        Assert.EndsWith("/artifacts/model/model.zip", result.ModelArtifact, StringComparison.Ordinal);
        Assert.Contains(result.ArtifactRoot + "/plots/roc.png", result.Artifacts);
        var run = await _workspace.Services.GetRequiredService<IRunStore>().GetRunAsync(result.ParentRunId!, CancellationToken.None);
        Assert.Equal("FINISHED", run.Value!.Info.Status.ToString().ToUpperInvariant());
        await using var stream = await _workspace.Artifacts.OpenReadAsync(result.ModelArtifact!, CancellationToken.None);
        var package = await ModelPackage.LoadAsync(stream!, CancellationToken.None);
        using var engine = new ScoringEngine(package, poolSize: 1);
        var data = await _workspace.Warehouse.QueryAsync("SELECT * FROM staging.telco LIMIT 10", CancellationToken.None);
        Assert.Equal(10, engine.ScoreBatch(data).Length);
    }

    [Fact]
    public async Task TrainAsync_Registers_RecordsTheModelFilesSha256()
    {
        _workspace.Config.Gates.Clear();

        var result = await TrainAsync(Job("staging.telco") with { Register = true });

        Assert.NotNull(result.Registered);
        var stored = await _workspace.Registry.GetAsync("churn", result.Registered!.Version, CancellationToken.None);
        var file = Path.Combine(_workspace.Layout.ArtifactsDir, result.ModelArtifact!.Replace('/', Path.DirectorySeparatorChar));
        var onDisk = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(file)));
        Assert.Equal(onDisk, result.Registered.ArtifactSha256);
        Assert.Equal(onDisk, stored!.ArtifactSha256);
    }

    [Fact]
    public async Task TrainAsync_GatesFail_WritesReportsButNoModel()
    {
        _workspace.Config.Gates.Clear();
        _workspace.Config.Gates["min_auc"] = 0.999;

        var result = await TrainAsync(Job("staging.telco") with { Register = true });

        Assert.True(result.Succeeded);
        Assert.False(result.Outcome!.Succeeded);
        Assert.Null(result.ModelArtifact);
        Assert.Null(result.Registered);
        Assert.StartsWith("no candidate passed the evaluation gates", result.Outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Artifacts, a => a.EndsWith("model.zip", StringComparison.Ordinal));
        Assert.Contains(result.Artifacts, a => a.EndsWith("reports/candidates.json", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("telco", "table 'telco' must be written schema.table (e.g. staging.customers)")]
    [InlineData("staging.nope", "table staging.nope does not exist in the warehouse")]
    public async Task TrainAsync_BadTable_ReturnsPreciseError(string table, string expected)
    {
        var result = await TrainAsync(Job(table));

        Assert.False(result.Succeeded);
        Assert.Equal(expected, result.Error);
        Assert.Null(result.Outcome);
    }

    [Fact]
    public async Task TrainAsync_UnknownLabel_RefusedBeforeAnyRun()
    {
        var job = Job("staging.telco") with { Label = "Churned" };

        var result = await TrainAsync(job);

        Assert.False(result.Succeeded);
        Assert.StartsWith("label column 'Churned' is not in staging.telco (columns: customerID, ", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Artifacts);
        Assert.Null(result.ParentRunId);
    }

    [Fact]
    public void GateSettings_UnknownGateAndChampionMargin_AreReadPrecisely()
    {
        var (bad, error) = GateSettings.Read(new Dictionary<string, double> { ["min_auc"] = 0.7, ["min_f2"] = 0.5 }, championAuc: null);
        var (noChampion, _) = GateSettings.Read(new Dictionary<string, double> { ["must_beat_champion_by"] = 0.01 }, championAuc: null);
        var (withChampion, _) = GateSettings.Read(new Dictionary<string, double> { ["must_beat_champion_by"] = 0.01 }, championAuc: 0.8);

        Assert.Null(bad);
        Assert.Equal("unknown gates: min_f2 (known: min_auc, min_precision, min_recall, max_latency_ms, must_beat_champion_by)", error);
        Assert.Null(noChampion!.MustBeatChampionBy);
        Assert.Equal(0.01, withChampion!.MustBeatChampionBy);
        Assert.Equal(0.8, withChampion.ChampionAuc);
    }

    private Task<ModelTrainingResult> TrainAsync(ModelTrainingJob job) =>
        _workspace.Services.GetRequiredService<TrainingUseCase>().TrainAsync(job, null, CancellationToken.None);

    private static ModelTrainingJob Job(string table) =>
        new(table, "churn", "Churn", "telco", 7, "tester")
        {
            Exclude = ["customerID"],
            Trainers = ["lightgbm", "logreg"],
            SearchTrials = 1,
            CrossValidationFolds = 2,
            Register = false,
        };
}
