using ChurnOps.Core.Tracking;
using ChurnOps.Core.Tracking.Search;
using ChurnOps.Storage.Tracking;

namespace ChurnOps.Storage.Tests.Tracking;

/// <summary>
/// The metric-index plan (filter and order on the same metric) must return exactly what the general plan returns,
/// page by page, including ties, NaN, missing metrics, deleted runs and dataset clauses.
/// </summary>
public abstract class RunSearchPlanTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>A fresh database with every migration applied and the tracking stores over it.</summary>
    private protected abstract Task<TrackingStoreFixture> CreateFixtureAsync();

    [Theory]
    [InlineData("metrics.auc > 0.3", "metrics.auc DESC")]
    [InlineData("metrics.auc >= 0.2 AND metrics.auc < 0.8 AND params.trainer = 'LightGbm'", "metrics.auc ASC")]
    [InlineData("metrics.auc != 0.5 AND tags.team = 'ds' AND attributes.status != 'FAILED'", "metrics.auc DESC", "params.lr ASC")]
    [InlineData("metrics.auc > 0 AND metrics.f1 > 0.4 AND tags.note IS NULL", "metrics.auc DESC")]
    [InlineData("metrics.auc > 0.1 AND datasets.context = 'training' AND params.lr LIKE '0.0%'", "metrics.auc DESC", "attributes.start_time ASC")]
    [InlineData("metrics.auc > 0.1 AND datasets.name IN ('customers', 'x''); DROP TABLE tracking_runs; --')", "metrics.auc ASC")]
    public async Task SearchRuns_MetricIndexPlan_MatchesGeneralPlanOnEveryPage(string filter, params string[] orderBy)
    {
        await using var f = await CreateFixtureAsync();
        var experimentId = (await f.Experiments.CreateExperimentAsync("plans", null, [], Ct)).Value!;
        await SeedAsync(f, experimentId);
        var (clauses, filterError) = SearchFilterParser.ParseFilter(filter, SearchSchema.Runs);
        var (orders, orderError) = SearchFilterParser.ParseOrderBy(orderBy, SearchSchema.Runs);
        Assert.Null(filterError);
        Assert.Null(orderError);
        Assert.NotNull(new SearchSqlCompiler(SearchTarget.Runs, f.Dialect).CompileDriven(clauses!, orders![0], "d"));

        var total = 0;
        foreach (var view in new[] { ViewType.ActiveOnly, ViewType.All })
        {
            for (var offset = 0; offset < 80; offset += 7)
            {
                var query = new RunQuery([experimentId], clauses!, orders!, view, 7, offset);
                var driven = await RunSearch.SearchAsync(f.Database, f.Dialect, query, Ct);
                var general = await RunSearch.SearchAsync(f.Database, f.Dialect, query, Ct, allowDrivenPlan: false);

                Assert.Null(driven.Error);
                Assert.Equal(general.Value!.Runs.Select(r => r.Info.RunId), driven.Value!.Runs.Select(r => r.Info.RunId));
                Assert.Equal(general.Value.NextPageToken, driven.Value.NextPageToken);
                total += driven.Value.Runs.Count;
            }
        }

        Assert.True(total > 10, $"the filter should select runs; it selected {total} rows over all pages");
    }

    /// <summary>60 runs: auc on a 0.1 grid (many ties), some NaN or missing, start times with duplicates, a few deleted.</summary>
    private static async Task SeedAsync(TrackingStoreFixture f, string experimentId)
    {
        var random = new Random(7);
        string[] trainers = ["LightGbm", "FastTree", "FastForest"];
        for (var i = 0; i < 60; i++)
        {
            var run = (await f.Runs.CreateRunAsync(new NewRun(experimentId, "r" + i, null, 1_700_000_000_000L + (i / 3), []), Ct)).Value!.Info.RunId;
            var metrics = new List<MetricPoint>();
            if (i % 11 != 0)
            {
                metrics.Add(new MetricPoint("auc", i % 13 == 0 ? double.NaN : Math.Round(random.NextDouble(), 1), 1, 0));
            }

            metrics.Add(new MetricPoint("f1", random.NextDouble(), 1, 0));
            var tags = new List<TrackingTag> { new("team", i % 2 == 0 ? "ds" : "mlops") };
            if (i % 5 == 0)
            {
                tags.Add(new TrackingTag("note", "x"));
            }

            var error = await f.Runs.LogBatchAsync(run, metrics, [new RunParam("trainer", trainers[random.Next(3)]), new RunParam("lr", (0.01 * random.Next(1, 20)).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))], tags, Ct);
            Assert.Null(error);
            if (i % 3 != 0)
            {
                var dataset = new TrackedDataset(i % 2 == 0 ? "customers" : "events", "d" + (i % 4), "local", "/data", null, null);
                Assert.Null(await f.Runs.LogInputsAsync(run, [new DatasetInput(dataset, [new TrackingTag("mlflow.data.context", i % 4 == 1 ? "evaluation" : "training")])], Ct));
            }

            if (i % 9 == 4)
            {
                await f.Runs.UpdateRunAsync(run, new RunUpdate(RunStatus.Failed, null, null), Ct);
            }

            if (i % 17 == 3)
            {
                Assert.Null(await f.Runs.SetRunLifecycleAsync(run, LifecycleStage.Deleted, Ct));
            }
        }
    }
}
