using ChurnOps.Core.Registry;
using ChurnOps.Platform.Serving;
using ChurnOps.Platform.Tests.Logging;
using ChurnOps.Training.Candidates;

namespace ChurnOps.Platform.Tests.Serving;

/// <summary>
/// Whatever trainer's model is the champion, serving loads it (saved, registered, read back from the artifact store as
/// `churnops serve` does) with a compiled scorer, never ML.NET's pooled PredictionEngines, and says so when it loads.
/// </summary>
public sealed class ServedChampionScorerTests
{
    [Theory]
    [InlineData("lightgbm", null, "compiled trees")]
    [InlineData("fasttree", null, "compiled trees")]
    [InlineData("sdca", null, "compiled linear")]
    [InlineData("logreg", null, "compiled linear")]
    [InlineData("lightgbm,logreg", "blend", "compiled blend")]
    public async Task GetAsync_ChampionOfEachTrainer_IsServedByACompiledScorer(string trainers, string? winner, string scorer)
    {
        await using var project = await TestProject.CreateAsync();
        var data = ChurnShapedTables.Mixed(1000, seed: 41);
        var request = new TrainingRequest(data, "churned", ["customer_id"], trainers.Split(','), 1, 0.2, EvaluationGates.None)
        {
            SearchTrials = 1,
            ImportanceRepeats = 0,
            RenderPlots = false,
            Winner = winner,
        };
        var outcome = await new CandidateTrainer().TrainAsync(request, null, CancellationToken.None);
        Assert.True(outcome.Succeeded, outcome.Error);
        const string Artifact = "models/churn/1/model.zip";
        await project.Workspace.Artifacts.WriteAsync(Artifact, (s, ct) => outcome.WinnerPackage!.SaveAsync(s, ct), CancellationToken.None);
        var lineage = new ModelLineage(null, new Dictionary<string, string>(), null, null, 42, "churned", null);
        var version = await project.Workspace.Registry.RegisterAsync(new NewModelVersion("churn", "run-1", Artifact, outcome.WinnerPackage!.Metadata.Trainer, new Dictionary<string, double>(), lineage, "test", null), CancellationToken.None);
        await project.Workspace.Registry.SetAliasAsync("churn", "champion", version.Version, CancellationToken.None);
        var logger = new RecordingLogger();
        var cache = new ServedModelCache(project.Workspace.Config, project.Workspace.Registry, project.Workspace.Artifacts, project.Workspace.Time, logger);

        var (served, error) = await cache.GetAsync("churn", "champion", CancellationToken.None);

        Assert.True(served is not null, error);
        Assert.Equal(scorer, served.Engine.Scorer);
        Assert.Contains(logger.Events, e => e.Id.Id == 2000 && e.Message.EndsWith("scored by " + scorer, StringComparison.Ordinal));

        // One online request's worth (a single row) is scored on that path too, equal to the batch of the same rows.
        var one = served.Engine.ScoreBatch(data.Take([3]));
        Assert.Equal(served.Engine.ScoreBatch(data)[3], Assert.Single(one));
    }
}
