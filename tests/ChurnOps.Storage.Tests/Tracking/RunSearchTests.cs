using ChurnOps.Core.Tracking;
using ChurnOps.Core.Tracking.Search;

namespace ChurnOps.Storage.Tests.Tracking;

/// <summary>MLflow search semantics (comparators, order, experiments, datasets) that every engine must answer identically.</summary>
public abstract class RunSearchTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>A fresh database with every migration applied and the tracking stores over it.</summary>
    private protected abstract Task<TrackingStoreFixture> CreateFixtureAsync();

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
        await using var f = await CreateFixtureAsync();
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
        await using var f = await CreateFixtureAsync();
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
        await using var f = await CreateFixtureAsync();
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
        await using var f = await CreateFixtureAsync();
        await f.Experiments.CreateExperimentAsync("tagged", null, [new TrackingTag("team", "ds")], Ct);
        await f.Experiments.CreateExperimentAsync("untagged", null, [], Ct);

        var (clauses, _) = SearchFilterParser.ParseFilter("tags.team = 'ds'", SearchSchema.Experiments);
        var page = (await f.Experiments.SearchExperimentsAsync(new ExperimentQuery(clauses!, [], ViewType.ActiveOnly, 100, 0), Ct)).Value!;

        Assert.Equal(["tagged"], page.Experiments.Select(e => e.Name));
    }

    [Fact]
    public async Task LogBatch_SameTagTwice_LastValueWins()
    {
        await using var f = await CreateFixtureAsync();
        var runId = await RunAsync(f, "0", "r", null, null);

        await f.Runs.LogBatchAsync(runId, [], [], [new TrackingTag("stage", "one"), new TrackingTag("stage", "two")], Ct);

        Assert.Equal("two", (await f.Runs.GetRunAsync(runId, Ct)).Value!.Data.Tags.Single(t => t.Key == "stage").Value);
    }

    [Fact]
    public async Task LogBatch_OlderStepAfterNewer_KeepsLatestByStep()
    {
        await using var f = await CreateFixtureAsync();
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
        await using var f = await CreateFixtureAsync();
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

    /// <summary>
    /// Values whose shortest round-trip text a parser that is not correctly rounded reads back wrong: subnormals, the
    /// normal/subnormal boundary, 17-significant-digit values, neighbours of powers of two and decimal halfway cases.
    /// Both the history (every point) and the latest value must keep every bit.
    /// </summary>
    [Fact]
    public async Task LogBatch_ValuesHardForTextParsers_ReadBackBitExactInHistoryAndLatest()
    {
        await using var f = await CreateFixtureAsync();
        var runId = await RunAsync(f, "0", "r", null, null);
        var values = new List<double>
        {
            double.Epsilon, -double.Epsilon, BitConverter.Int64BitsToDouble(0x000FFFFFFFFFFFFF), BitConverter.Int64BitsToDouble(0x0010000000000000),
            BitConverter.Int64BitsToDouble(0x000FFFFFFFFFFFFE), 2.2250738585072011e-308, 4.9406564584124654e-324, 1e-320, 1e23, 8.98846567431158e307,
            double.MaxValue, BitConverter.Int64BitsToDouble(0x7FEFFFFFFFFFFFFE), 0.1 + 0.2, 1.0 / 3.0, 9007199254740993.0, 123456789012345678.0,
            5e-324 * 3, 2.4703282292062327e-324, 1.7976931348623157e308 / 3,
        };
        var random = new Random(917);
        foreach (var exponent in new[] { -1074, -1022, -1000, -300, -52, -1, 0, 1, 52, 53, 64, 300, 1000, 1023 })
        {
            var power = Math.ScaleB(1.0, exponent);
            values.Add(Math.BitDecrement(power));
            values.Add(power);
            values.Add(Math.BitIncrement(power));
        }

        while (values.Count < 400)
        {
            // Random doubles whose shortest round-trip form needs all 17 significant digits.
            var candidate = BitConverter.Int64BitsToDouble(random.NextInt64(1, 0x7FEFFFFFFFFFFFFF));
            if (SignificantDigits(candidate) == 17)
            {
                values.Add(candidate);
            }
        }

        await f.Runs.LogBatchAsync(runId, values.Select((v, i) => new MetricPoint("m" + i, v, 1, 0)).ToList(), [], [], Ct);

        var latest = (await f.Runs.GetRunAsync(runId, Ct)).Value!.Data.Metrics.ToDictionary(m => m.Key, m => m.Value);
        for (var i = 0; i < values.Count; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(values[i]), BitConverter.DoubleToInt64Bits(latest["m" + i]));
            var history = (await f.Runs.GetMetricHistoryAsync(runId, "m" + i, 0, null, Ct)).Value!.Metrics;
            Assert.Equal(BitConverter.DoubleToInt64Bits(values[i]), BitConverter.DoubleToInt64Bits(Assert.Single(history).Value));
        }
    }

    private static int SignificantDigits(double value) =>
        Math.Abs(value).ToString("R", System.Globalization.CultureInfo.InvariantCulture).Split('E')[0].Replace(".", string.Empty, StringComparison.Ordinal).TrimStart('0').Length;

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
