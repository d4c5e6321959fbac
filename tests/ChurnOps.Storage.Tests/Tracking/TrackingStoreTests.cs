using ChurnOps.Core.Tracking;
using ChurnOps.Core.Tracking.Search;

namespace ChurnOps.Storage.Tests.Tracking;

/// <summary>Experiment and run store behaviour over one fresh database per test, on each engine.</summary>
public abstract class TrackingStoreTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>A fresh database with every migration applied and the tracking stores over it.</summary>
    private protected abstract Task<TrackingStoreFixture> CreateFixtureAsync();

    [Fact]
    public async Task CreateRun_InNewExperiment_ReturnsRunningRunWithNameTagAndArtifactUri()
    {
        await using var f = await CreateFixtureAsync();
        var experimentId = (await f.Experiments.CreateExperimentAsync("churn", null, [], Ct)).Value!;

        var run = (await f.Runs.CreateRunAsync(new NewRun(experimentId, "lgbm", "ana", null, [new TrackingTag("team", "ds")]), Ct)).Value!;

        Assert.Matches("^[0-9a-f]{32}$", run.Info.RunId);
        Assert.Equal(RunStatus.Running, run.Info.Status);
        Assert.Equal("lgbm", run.Info.RunName);
        Assert.Equal(f.Time.GetUtcNow().ToUnixTimeMilliseconds(), run.Info.StartTime);
        Assert.Equal($"mlflow-artifacts:/{experimentId}/{run.Info.RunId}/artifacts", run.Info.ArtifactUri);
        Assert.Contains(new TrackingTag("mlflow.runName", "lgbm"), run.Data.Tags);
        Assert.Contains(new TrackingTag("team", "ds"), run.Data.Tags);
    }

    [Fact]
    public async Task CreateExperiment_DuplicateName_ReturnsAlreadyExists()
    {
        await using var f = await CreateFixtureAsync();
        await f.Experiments.CreateExperimentAsync("churn", null, [], Ct);

        var again = await f.Experiments.CreateExperimentAsync("churn", null, [], Ct);

        Assert.Equal(TrackingErrorCode.ResourceAlreadyExists, again.Error?.Code);
    }

    [Fact]
    public async Task LogBatch_ParamsMetricsTags_AreReadBackWithLatestMetricAndFullHistory()
    {
        await using var f = await CreateFixtureAsync();
        var runId = await NewRunAsync(f);

        var error = await f.Runs.LogBatchAsync(
            runId,
            [new MetricPoint("loss", 0.9, 1000, 0), new MetricPoint("loss", 0.5, 2000, 1), new MetricPoint("loss", 0.7, 1500, 0)],
            [new RunParam("lr", "0.1")],
            [new TrackingTag("stage", "cv")],
            Ct);

        Assert.Null(error);
        var run = (await f.Runs.GetRunAsync(runId, Ct)).Value!;
        Assert.Equal(new MetricPoint("loss", 0.5, 2000, 1), Assert.Single(run.Data.Metrics));
        Assert.Equal(new RunParam("lr", "0.1"), Assert.Single(run.Data.Params));
        var history = (await f.Runs.GetMetricHistoryAsync(runId, "loss", 0, null, Ct)).Value!;
        Assert.Equal([0.9, 0.7, 0.5], history.Metrics.Select(m => m.Value));
    }

    [Fact]
    public async Task LogBatch_ParamChangedValue_RefusedAndNothingFromTheBatchIsStored()
    {
        await using var f = await CreateFixtureAsync();
        var runId = await NewRunAsync(f);
        await f.Runs.LogBatchAsync(runId, [], [new RunParam("lr", "0.1")], [], Ct);

        var error = await f.Runs.LogBatchAsync(runId, [new MetricPoint("auc", 0.8, 1, 0)], [new RunParam("lr", "0.2")], [new TrackingTag("x", "y")], Ct);

        Assert.Equal(TrackingErrorCode.InvalidParameterValue, error?.Code);
        Assert.Contains("lr", error!.Message, StringComparison.Ordinal);
        var run = (await f.Runs.GetRunAsync(runId, Ct)).Value!;
        Assert.Empty(run.Data.Metrics);
        Assert.DoesNotContain(run.Data.Tags, t => t.Key == "x");
        Assert.Equal("0.1", Assert.Single(run.Data.Params).Value);
    }

    [Fact]
    public async Task LogBatch_SameParamSameValue_IsAccepted()
    {
        await using var f = await CreateFixtureAsync();
        var runId = await NewRunAsync(f);
        await f.Runs.LogBatchAsync(runId, [], [new RunParam("lr", "0.1")], [], Ct);

        Assert.Null(await f.Runs.LogBatchAsync(runId, [], [new RunParam("lr", "0.1")], [], Ct));
    }

    [Fact]
    public async Task LogBatch_NaNAndInfinity_RoundTripAsMlflowSqlStore()
    {
        await using var f = await CreateFixtureAsync();
        var runId = await NewRunAsync(f);

        await f.Runs.LogBatchAsync(runId, [new MetricPoint("nan", double.NaN, 1, 0), new MetricPoint("pinf", double.PositiveInfinity, 1, 0), new MetricPoint("ninf", double.NegativeInfinity, 1, 0)], [], [], Ct);

        var metrics = (await f.Runs.GetRunAsync(runId, Ct)).Value!.Data.Metrics.ToDictionary(m => m.Key, m => m.Value);
        Assert.True(double.IsNaN(metrics["nan"]));
        Assert.Equal(double.MaxValue, metrics["pinf"]);
        Assert.Equal(double.MinValue, metrics["ninf"]);
    }

    [Fact]
    public async Task LogBatch_OverMlflowLimits_ReportsEveryLimit()
    {
        await using var f = await CreateFixtureAsync();
        var runId = await NewRunAsync(f);
        var metrics = Enumerable.Range(0, 1001).Select(i => new MetricPoint("m" + i, i, 1, 0)).ToList();
        var parameters = Enumerable.Range(0, 101).Select(i => new RunParam("p" + i, "v")).ToList();

        var error = await f.Runs.LogBatchAsync(runId, metrics, parameters, [], Ct);

        Assert.Equal(TrackingErrorCode.InvalidParameterValue, error?.Code);
        Assert.Contains("1000 metrics", error!.Message, StringComparison.Ordinal);
        Assert.Contains("100 params", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogBatch_UnknownRun_ReturnsNotFound()
    {
        await using var f = await CreateFixtureAsync();

        var error = await f.Runs.LogBatchAsync(new string('a', 32), [new MetricPoint("auc", 1, 1, 0)], [], [], Ct);

        Assert.Equal(TrackingErrorCode.ResourceDoesNotExist, error?.Code);
    }

    [Fact]
    public async Task LogBatch_DeletedRun_IsRefused()
    {
        await using var f = await CreateFixtureAsync();
        var runId = await NewRunAsync(f);
        await f.Runs.SetRunLifecycleAsync(runId, LifecycleStage.Deleted, Ct);

        var error = await f.Runs.LogBatchAsync(runId, [new MetricPoint("auc", 1, 1, 0)], [], [], Ct);

        Assert.Equal(TrackingErrorCode.InvalidParameterValue, error?.Code);
    }

    [Fact]
    public async Task SearchRuns_FilterOnMetricParamAndTag_ReturnsMatchingRunsOrderedByMetric()
    {
        await using var f = await CreateFixtureAsync();
        var experimentId = (await f.Experiments.CreateExperimentAsync("churn", null, [], Ct)).Value!;
        for (var i = 0; i < 6; i++)
        {
            var runId = (await f.Runs.CreateRunAsync(new NewRun(experimentId, "run" + i, null, null, []), Ct)).Value!.Info.RunId;
            await f.Runs.LogBatchAsync(runId, [new MetricPoint("auc", 0.5 + (i / 10.0), 1, 0)], [new RunParam("trainer", i % 2 == 0 ? "LightGbm" : "FastTree")], [new TrackingTag("team", "ds")], Ct);
        }

        var (filter, _) = SearchFilterParser.ParseFilter("metrics.auc >= 0.6 AND params.trainer LIKE 'Light%' AND tags.team = 'ds'", SearchSchema.Runs);
        var (order, _) = SearchFilterParser.ParseOrderBy(["metrics.auc DESC"], SearchSchema.Runs);
        var page = (await f.Runs.SearchRunsAsync(new RunQuery([experimentId], filter!, order!, ViewType.ActiveOnly, 100, 0), Ct)).Value!;

        Assert.Equal(["run4", "run2"], page.Runs.Select(r => r.Info.RunName));
        Assert.Null(page.NextPageToken);
    }

    [Fact]
    public async Task SearchRuns_LikeIsCaseSensitiveAndILikeIsNot()
    {
        await using var f = await CreateFixtureAsync();
        var experimentId = (await f.Experiments.CreateExperimentAsync("churn", null, [], Ct)).Value!;
        var runId = (await f.Runs.CreateRunAsync(new NewRun(experimentId, "a", null, null, []), Ct)).Value!.Info.RunId;
        await f.Runs.LogBatchAsync(runId, [], [new RunParam("trainer", "LightGbm")], [], Ct);

        Assert.Empty(await SearchAsync(f, experimentId, "params.trainer LIKE 'light%'"));
        Assert.Single(await SearchAsync(f, experimentId, "params.trainer ILIKE 'light%'"));
    }

    [Fact]
    public async Task SearchRuns_Pagination_WalksAllRunsOnceWithTokens()
    {
        await using var f = await CreateFixtureAsync();
        var experimentId = (await f.Experiments.CreateExperimentAsync("churn", null, [], Ct)).Value!;
        for (var i = 0; i < 5; i++)
        {
            f.Time.Advance(TimeSpan.FromSeconds(1));
            await f.Runs.CreateRunAsync(new NewRun(experimentId, "run" + i, null, null, []), Ct);
        }

        var names = new List<string>();
        string? token = null;
        do
        {
            PageToken.TryDecode(token, out var offset, out _);
            var page = (await f.Runs.SearchRunsAsync(new RunQuery([experimentId], [], [], ViewType.ActiveOnly, 2, offset), Ct)).Value!;
            names.AddRange(page.Runs.Select(r => r.Info.RunName));
            token = page.NextPageToken;
        }
        while (token is not null);

        Assert.Equal(["run4", "run3", "run2", "run1", "run0"], names);
    }

    [Fact]
    public async Task DeleteExperiment_DeletesItsRunsFromActiveSearch()
    {
        await using var f = await CreateFixtureAsync();
        var experimentId = (await f.Experiments.CreateExperimentAsync("churn", null, [], Ct)).Value!;
        await f.Runs.CreateRunAsync(new NewRun(experimentId, "a", null, null, []), Ct);

        await f.Experiments.SetExperimentLifecycleAsync(experimentId, LifecycleStage.Deleted, Ct);

        Assert.Empty(await SearchAsync(f, experimentId, string.Empty));
        var deleted = (await f.Runs.SearchRunsAsync(new RunQuery([experimentId], [], [], ViewType.DeletedOnly, 10, 0), Ct)).Value!;
        Assert.Single(deleted.Runs);
    }

    [Fact]
    public async Task DeleteExperiment_Default_IsRefused()
    {
        await using var f = await CreateFixtureAsync();

        var error = await f.Experiments.SetExperimentLifecycleAsync("0", LifecycleStage.Deleted, Ct);

        Assert.Equal(TrackingErrorCode.InvalidParameterValue, error?.Code);
    }

    [Fact]
    public async Task LogInputs_Dataset_IsReturnedWithRun()
    {
        await using var f = await CreateFixtureAsync();
        var runId = await NewRunAsync(f);

        var error = await f.Runs.LogInputsAsync(runId, [new DatasetInput(new TrackedDataset("customers", "abc123", "local", "staging.customers", null, null), [new TrackingTag("mlflow.data.context", "training")])], Ct);

        Assert.Null(error);
        var input = Assert.Single((await f.Runs.GetRunAsync(runId, Ct)).Value!.Inputs);
        Assert.Equal("customers", input.Dataset.Name);
        Assert.Equal("training", Assert.Single(input.Tags).Value);
    }

    [Fact]
    public async Task DeleteTag_Missing_ReturnsNotFound()
    {
        await using var f = await CreateFixtureAsync();
        var runId = await NewRunAsync(f);

        var error = await f.Runs.DeleteTagAsync(runId, "nope", Ct);

        Assert.Equal(TrackingErrorCode.ResourceDoesNotExist, error?.Code);
    }

    private static async Task<string> NewRunAsync(TrackingStoreFixture f)
    {
        var run = await f.Runs.CreateRunAsync(new NewRun("0", "r", null, null, []), Ct);
        return run.Value!.Info.RunId;
    }

    private static async Task<IReadOnlyList<Run>> SearchAsync(TrackingStoreFixture f, string experimentId, string filter)
    {
        var (clauses, error) = SearchFilterParser.ParseFilter(filter, SearchSchema.Runs);
        Assert.Null(error);
        return (await f.Runs.SearchRunsAsync(new RunQuery([experimentId], clauses!, [], ViewType.ActiveOnly, 100, 0), Ct)).Value!.Runs;
    }
}
