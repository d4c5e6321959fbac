using System.Globalization;
using System.Text;
using ChurnOps.Core.Tracking;
using ChurnOps.Core.Tracking.Search;

namespace ChurnOps.Storage.Tests.Tracking;

/// <summary>
/// The same runs logged to SQLite and to PostgreSQL must come back from runs/search identically, page by page and run by
/// run (info, latest metrics, params, tags, dataset inputs), over pages of hundreds of runs: PostgreSQL reads a page's
/// children in its own way, and this pins it to the SQLite answers.
/// </summary>
public sealed class RunSearchEnginesTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>
{
    private const int Runs = 360;
    private static readonly CancellationToken Ct = CancellationToken.None;

    public static TheoryData<string?, string[], ViewType, int> Queries => new()
    {
        { null, [], ViewType.ActiveOnly, 1000 },
        { null, [], ViewType.All, 97 },
        { "metrics.auc > 0.5 AND params.trainer = 'LightGbm'", ["metrics.auc DESC"], ViewType.ActiveOnly, 50 },
        { "tags.team = 'ds'", ["params.lr ASC"], ViewType.All, 120 },
        { "params.lr LIKE '0.0%' AND metrics.f1 >= 0.2", ["metrics.loss ASC", "attributes.start_time DESC"], ViewType.All, 64 },
        { "datasets.context = 'training'", ["attributes.run_name ASC"], ViewType.ActiveOnly, 1000 },
        { "tags.note IS NULL AND attributes.status = 'FINISHED'", ["tags.team DESC"], ViewType.DeletedOnly, 33 },
        { "metrics.auc < 0.9 AND params.long ILIKE 'X%'", ["metrics.auc ASC"], ViewType.All, 1000 },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task SearchRuns_ManyRunsWithChildren_PostgresPagesEqualSqlitePages(string? filter, string[] orderBy, ViewType view, int pageSize)
    {
        await using var sqlite = await TrackingStoreFixture.CreateSqliteAsync();
        await using var postgres = await TrackingStoreFixture.CreatePostgresAsync(database);
        var sqliteExperiments = await SeedAsync(sqlite);
        var postgresExperiments = await SeedAsync(postgres);
        var (clauses, filterError) = SearchFilterParser.ParseFilter(filter, SearchSchema.Runs);
        var (orders, orderError) = SearchFilterParser.ParseOrderBy(orderBy, SearchSchema.Runs);
        Assert.Null(filterError);
        Assert.Null(orderError);

        var expected = await AllPagesAsync(sqlite, sqliteExperiments, clauses!, orders!, view, pageSize);
        var actual = await AllPagesAsync(postgres, postgresExperiments, clauses!, orders!, view, pageSize);

        Assert.True(expected.Count > 2, $"the query should select several runs; it selected {expected.Count}");
        Assert.Equal(expected, actual);
    }

    /// <summary>Every page's runs written as text without the engine-assigned ids, each page ending with its next-page token.</summary>
    private static async Task<List<string>> AllPagesAsync(TrackingStoreFixture f, string[] experiments, IReadOnlyList<SearchClause> clauses, IReadOnlyList<SearchOrder> orders, ViewType view, int pageSize)
    {
        var lines = new List<string>();
        var offset = 0;
        for (var page = 0; page < 100; page++)
        {
            var result = await f.Runs.SearchRunsAsync(new RunQuery(experiments, clauses, orders, view, pageSize, offset), Ct);
            Assert.Null(result.Error);
            lines.AddRange(result.Value!.Runs.Select(r => Describe(r, experiments)));
            lines.Add("next page: " + result.Value.NextPageToken);
            if (result.Value.NextPageToken is null)
            {
                return lines;
            }

            offset += pageSize;
        }

        throw new InvalidOperationException("more than 100 pages");
    }

    private static string Describe(Run run, string[] experiments)
    {
        var i = run.Info;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{i.RunName} exp#{Array.IndexOf(experiments, i.ExperimentId)} {i.UserId} {i.Status} {i.StartTime} {i.EndTime} {i.LifecycleStage}");
        foreach (var m in run.Data.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $" m:{m.Key}={BitConverter.DoubleToInt64Bits(m.Value):X}@{m.Timestamp}/{m.Step}");
        }

        foreach (var p in run.Data.Params.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $" p:{p.Key}={p.Value}");
        }

        foreach (var t in run.Data.Tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $" t:{t.Key}={t.Value}");
        }

        foreach (var input in run.Inputs.OrderBy(d => d.Dataset.Name, StringComparer.Ordinal).ThenBy(d => d.Dataset.Digest, StringComparer.Ordinal))
        {
            var d = input.Dataset;
            text.Append(CultureInfo.InvariantCulture, $" d:{d.Name}/{d.Digest}/{d.SourceType}/{d.Source}/{d.Schema}/{d.Profile}[{string.Join(",", input.Tags.Select(t => t.Key + "=" + t.Value))}]");
        }

        return text.ToString();
    }

    /// <summary>
    /// Two experiments of runs with 2-4 params (one long), 0-3 metrics with several steps (NaN, ±Inf, ties), 1-3 tags,
    /// a dataset input on some, some finished, some deleted: the same on every engine. Start times are distinct: ties end on
    /// run_id, which each engine draws at random.
    /// </summary>
    private static async Task<string[]> SeedAsync(TrackingStoreFixture f)
    {
        var experiments = new[]
        {
            (await f.Experiments.CreateExperimentAsync("engines-a", null, [], Ct)).Value!,
            (await f.Experiments.CreateExperimentAsync("engines-b", null, [], Ct)).Value!,
        };
        var random = new Random(2026);
        string[] trainers = ["LightGbm", "FastTree", "LogReg"];
        for (var n = 0; n < Runs; n++)
        {
            var experiment = experiments[n % 7 == 0 ? 1 : 0];
            var runId = (await f.Runs.CreateRunAsync(new NewRun(experiment, "r" + n.ToString("D3", CultureInfo.InvariantCulture), "u" + (n % 3), 1_700_000_000_000L + n, []), Ct)).Value!.Info.RunId;
            var metrics = new List<MetricPoint>();
            foreach (var key in new[] { "auc", "f1", "loss" }.Where(_ => random.Next(5) > 0))
            {
                for (var step = 0; step < 1 + random.Next(3); step++)
                {
                    var value = random.Next(20) switch
                    {
                        0 => double.NaN,
                        1 => double.PositiveInfinity,
                        2 => 0.5,
                        _ => Math.Round(random.NextDouble(), 2),
                    };
                    metrics.Add(new MetricPoint(key, value, 1_700_000_000_000L + step, step));
                }
            }

            var parameters = new List<RunParam>
            {
                new("trainer", trainers[random.Next(trainers.Length)]),
                new("lr", "0.0" + (1 + random.Next(9)).ToString(CultureInfo.InvariantCulture)),
            };
            if (random.Next(3) == 0)
            {
                parameters.Add(new RunParam("long", new string(random.Next(2) == 0 ? 'X' : 'x', 700 + random.Next(100))));
            }

            var tags = new List<TrackingTag> { new("team", random.Next(2) == 0 ? "ds" : "ml") };
            if (random.Next(4) == 0)
            {
                tags.Add(new TrackingTag("note", "n" + random.Next(3).ToString(CultureInfo.InvariantCulture)));
            }

            Assert.Null(await f.Runs.LogBatchAsync(runId, metrics, parameters, tags, Ct));
            if (random.Next(3) == 0)
            {
                var context = random.Next(2) == 0 ? "training" : "validation";
                var dataset = new TrackedDataset("customers", "d" + random.Next(4).ToString(CultureInfo.InvariantCulture), "local", "/data/customers.csv", null, "{\"rows\":10}");
                Assert.Null(await f.Runs.LogInputsAsync(runId, [new DatasetInput(dataset, [new TrackingTag("mlflow.data.context", context)])], Ct));
            }

            if (random.Next(3) == 0)
            {
                Assert.Null((await f.Runs.UpdateRunAsync(runId, new RunUpdate(RunStatus.Finished, 1_700_000_100_000L + n, null), Ct)).Error);
            }

            if (random.Next(6) == 0)
            {
                Assert.Null(await f.Runs.SetRunLifecycleAsync(runId, LifecycleStage.Deleted, Ct));
            }
        }

        return experiments;
    }
}
