using ChurnOps.Core.Tracking;
using ChurnOps.Core.Tracking.Search;

namespace ChurnOps.Storage.Tests.Tracking;

public sealed class RunSearchTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Theory]
    [InlineData("params.trainer != 'LightGbm'", new[] { "b" })]
    [InlineData("tags.champion IS NULL", new[] { "b", "c" })]
    [InlineData("tags.champion IS NOT NULL", new[] { "a" })]
    [InlineData("attributes.run_name IN ('a', 'c')", new[] { "a", "c" })]
    [InlineData("attributes.run_name NOT IN ('a', 'c')", new[] { "b" })]
    [InlineData("metrics.auc < 0.7", new[] { "b" })]
    [InlineData("metrics.auc = 0.9 AND params.trainer = 'LightGbm' AND tags.champion = 'yes'", new[] { "a" })]
    [InlineData("params.trainer LIKE '%Gb_'", new[] { "a" })]
    [InlineData("attributes.status = 'FINISHED'", new[] { "c" })]
    [InlineData("run_name ILIKE 'A'", new[] { "a" })]
    public async Task SearchRuns_Comparators_ReturnExpectedRuns(string filter, string[] expected)
    {
        await using var f = await TrackingStoreFixture.CreateAsync();
        var experimentId = (await f.Experiments.CreateExperimentAsync("grid", null, [], Ct)).Value!;
        var a = await RunAsync(f, experimentId, "a", 0.9, "LightGbm");
        await RunAsync(f, experimentId, "b", 0.6, "FastTree");
        var c = await RunAsync(f, experimentId, "c", double.NaN, null);
        await f.Runs.LogBatchAsync(a, [], [], [new TrackingTag("champion", "yes")], Ct);
        await f.Runs.UpdateRunAsync(c, new RunUpdate(RunStatus.Finished, 5, null), Ct);

        var (clauses, error) = SearchFilterParser.ParseFilter(filter, SearchSchema.Runs);
        Assert.Null(error);
        var (order, _) = SearchFilterParser.ParseOrderBy(["attributes.run_name ASC"], SearchSchema.Runs);
        var page = (await f.Runs.SearchRunsAsync(new RunQuery([experimentId], clauses!, order!, ViewType.ActiveOnly, 100, 0), Ct)).Value!;

        Assert.Equal(expected, page.Runs.Select(r => r.Info.RunName));
    }

    [Fact]
    public async Task SearchRuns_OrderByMetric_RunsWithoutMetricOrNaNComeLast()
    {
        await using var f = await TrackingStoreFixture.CreateAsync();
        var experimentId = (await f.Experiments.CreateExperimentAsync("order", null, [], Ct)).Value!;
        await RunAsync(f, experimentId, "low", 0.6, "x");
        await RunAsync(f, experimentId, "none", null, "x");
        await RunAsync(f, experimentId, "high", 0.9, "x");

        var (order, _) = SearchFilterParser.ParseOrderBy(["metrics.auc ASC"], SearchSchema.Runs);
        var page = (await f.Runs.SearchRunsAsync(new RunQuery([experimentId], [], order!, ViewType.ActiveOnly, 100, 0), Ct)).Value!;

        Assert.Equal(["low", "high", "none"], page.Runs.Select(r => r.Info.RunName));
    }

    [Fact]
    public async Task SearchRuns_SeveralExperiments_OnlyThoseExperiments()
    {
        await using var f = await TrackingStoreFixture.CreateAsync();
        var one = (await f.Experiments.CreateExperimentAsync("one", null, [], Ct)).Value!;
        var two = (await f.Experiments.CreateExperimentAsync("two", null, [], Ct)).Value!;
        var three = (await f.Experiments.CreateExperimentAsync("three", null, [], Ct)).Value!;
        await RunAsync(f, one, "r1", 0.7, "x");
        await RunAsync(f, two, "r2", 0.7, "x");
        await RunAsync(f, three, "r3", 0.7, "x");

        var (clauses, _) = SearchFilterParser.ParseFilter("metrics.auc > 0.5", SearchSchema.Runs);
        var page = (await f.Runs.SearchRunsAsync(new RunQuery([one, three], clauses!, [], ViewType.ActiveOnly, 100, 0), Ct)).Value!;

        Assert.Equal(["r1", "r3"], page.Runs.Select(r => r.Info.RunName).Order());
    }

    [Fact]
    public async Task SearchExperiments_ByTag_ReturnsTaggedOnly()
    {
        await using var f = await TrackingStoreFixture.CreateAsync();
        await f.Experiments.CreateExperimentAsync("tagged", null, [new TrackingTag("team", "ds")], Ct);
        await f.Experiments.CreateExperimentAsync("untagged", null, [], Ct);

        var (clauses, _) = SearchFilterParser.ParseFilter("tags.team = 'ds'", SearchSchema.Experiments);
        var page = (await f.Experiments.SearchExperimentsAsync(new ExperimentQuery(clauses!, [], ViewType.ActiveOnly, 100, 0), Ct)).Value!;

        Assert.Equal(["tagged"], page.Experiments.Select(e => e.Name));
    }

    [Fact]
    public async Task LogBatch_SameTagTwice_LastValueWins()
    {
        await using var f = await TrackingStoreFixture.CreateAsync();
        var runId = await RunAsync(f, "0", "r", null, null);

        await f.Runs.LogBatchAsync(runId, [], [], [new TrackingTag("stage", "one"), new TrackingTag("stage", "two")], Ct);

        Assert.Equal("two", (await f.Runs.GetRunAsync(runId, Ct)).Value!.Data.Tags.Single(t => t.Key == "stage").Value);
    }

    [Fact]
    public async Task LogBatch_OlderStepAfterNewer_KeepsLatestByStep()
    {
        await using var f = await TrackingStoreFixture.CreateAsync();
        var runId = await RunAsync(f, "0", "r", null, null);

        await f.Runs.LogBatchAsync(runId, [new MetricPoint("loss", 0.2, 100, 5)], [], [], Ct);
        await f.Runs.LogBatchAsync(runId, [new MetricPoint("loss", 0.9, 200, 1)], [], [], Ct);

        var latest = Assert.Single((await f.Runs.GetRunAsync(runId, Ct)).Value!.Data.Metrics);
        Assert.Equal(0.2, latest.Value);
        Assert.Equal(2, (await f.Runs.GetMetricHistoryAsync(runId, "loss", 0, null, Ct)).Value!.Metrics.Count);
    }

    [Fact]
    public async Task LogBatch_RandomDoublesAcrossTheRange_ReadBackBitExact()
    {
        await using var f = await TrackingStoreFixture.CreateAsync();
        var runId = await RunAsync(f, "0", "r", null, null);
        var random = new Random(20260101);
        var values = Enumerable.Range(0, 1000)
            .Select(i => (i % 4) switch
            {
                0 => random.NextDouble(),
                1 => BitConverter.Int64BitsToDouble(random.NextInt64(1, 0x7FEFFFFFFFFFFFFF)),
                2 => -random.NextDouble() * Math.Pow(10, random.Next(-300, 300)),
                _ => i * 0.1,
            })
            .Concat([double.Epsilon, 1e-320, 0.0, -0.5])
            .ToList();

        await f.Runs.LogBatchAsync(runId, values.Select((v, i) => new MetricPoint("m" + i, v, 1, 0)).Take(1000).ToList(), [], [], Ct);
        await f.Runs.LogBatchAsync(runId, values.Select((v, i) => new MetricPoint("m" + i, v, 1, 0)).Skip(1000).ToList(), [], [], Ct);

        var stored = (await f.Runs.GetRunAsync(runId, Ct)).Value!.Data.Metrics.ToDictionary(m => m.Key, m => m.Value);
        for (var i = 0; i < values.Count; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(values[i]), BitConverter.DoubleToInt64Bits(stored["m" + i]));
        }
    }

    private static async Task<string> RunAsync(TrackingStoreFixture f, string experimentId, string name, double? auc, string? trainer)
    {
        var runId = (await f.Runs.CreateRunAsync(new NewRun(experimentId, name, null, null, []), Ct)).Value!.Info.RunId;
        await f.Runs.LogBatchAsync(
            runId,
            auc is { } value ? [new MetricPoint("auc", value, 1, 0)] : [],
            trainer is null ? [] : [new RunParam("trainer", trainer)],
            [],
            Ct);
        return runId;
    }
}
