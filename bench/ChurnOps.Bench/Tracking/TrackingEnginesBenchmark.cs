using System.Globalization;
using ChurnOps.Core.Tracking;
using ChurnOps.Core.Tracking.Search;
using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Tracking;
using Npgsql;
using NpgsqlTypes;

namespace ChurnOps.Bench.Tracking;

/// <summary>
/// The tracking store on its two engines in one session: log-batch of 500 metrics and runs/search on an embedded SQLite
/// file against a local PostgreSQL 15 (a throwaway cluster on 127.0.0.1, as the tests start one), alternated so machine
/// noise falls on both; then three ways to send 500 metric points to PostgreSQL (unnest of binary arrays, chunked
/// multi-row VALUES, binary COPY through a temp table), which decided the PostgreSQL write path.
/// </summary>
internal sealed class TrackingEnginesBenchmark : IBenchHarness
{
    private const int Metrics = 500;

    public string Name => "tracking-engines";

    public string Description => "tracking store on SQLite vs PostgreSQL: log-batch 500 metrics, runs/search; PostgreSQL metric insert strategies";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var samples = quick ? 15 : 40;
        var runCount = quick ? 2_000 : 10_000;
        var dir = Path.Combine(Path.GetTempPath(), "churnops-bench-engines-" + Guid.NewGuid().ToString("N"));
        var cluster = await PostgresCluster.GetAsync().ConfigureAwait(false);
        var databaseName = await cluster.CreateDatabaseAsync("bench").ConfigureAwait(false);
        try
        {
            await using var sqlite = await SqliteMetadataDatabase.OpenAsync(Path.Combine(dir, "metadata.db"), SchemaMigrationCatalog.All, cancellationToken).ConfigureAwait(false);
            await using var postgres = await PostgresMetadataDatabase.OpenAsync(cluster.ConnectionString(databaseName), TeamMetadataAreas.Migrations, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            var engines = new[] { new Engine("SQLite", sqlite), new Engine("PostgreSQL", postgres) };
            foreach (var engine in engines)
            {
                await engine.StartAsync(cancellationToken).ConfigureAwait(false);
            }

            await LogBatchAsync(engines, samples, cancellationToken).ConfigureAwait(false);
            await SearchAsync(engines, runCount, samples, cancellationToken).ConfigureAwait(false);
            await InsertStrategiesAsync(postgres, engines[1], samples, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            await cluster.DropDatabaseAsync(databaseName).ConfigureAwait(false);
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task LogBatchAsync(Engine[] engines, int samples, CancellationToken ct)
    {
        var runs = new string[engines.Length];
        for (var e = 0; e < engines.Length; e++)
        {
            runs[e] = await engines[e].NewRunAsync("log-batch", ct).ConfigureAwait(false);
        }

        // Each sample logs a new step for 500 distinct keys: every point is a real insert and a latest-value update.
        Task Batch(int e, int step) => engines[e].Runs.LogBatchAsync(runs[e], Points(step + 10), [], [], ct);
        var (sqlite, postgres) = await Timings.MeasurePairAsync(3, samples, step => Batch(0, step), step => Batch(1, step)).ConfigureAwait(false);
        Console.WriteLine($"log-batch, {Metrics} metrics (store, one transaction)");
        Console.WriteLine($"  SQLite      {sqlite}");
        Console.WriteLine($"  PostgreSQL  {postgres}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio PostgreSQL/SQLite {postgres.MedianMs / sqlite.MedianMs:0.00}x (median); throughput {Metrics / postgres.MedianMs * 1000:N0} vs {Metrics / sqlite.MedianMs * 1000:N0} points/s"));
    }

    private static async Task SearchAsync(Engine[] engines, int runCount, int samples, CancellationToken ct)
    {
        var experiments = new string[engines.Length];
        for (var e = 0; e < engines.Length; e++)
        {
            var engine = engines[e];
            experiments[e] = (await engine.Experiments.CreateExperimentAsync("bench-search", null, [], ct).ConfigureAwait(false)).Value!;
            var random = new Random(42);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < runCount; i++)
            {
                var run = (await engine.Runs.CreateRunAsync(new NewRun(experiments[e], "r" + i, "bench", 1_700_000_000_000L + i, []), ct).ConfigureAwait(false)).Value!.Info.RunId;
                var trainer = (i % 3) switch { 0 => "LightGbm", 1 => "FastTree", _ => "LogReg" };
                await engine.Runs.LogBatchAsync(
                    run,
                    [new MetricPoint("auc", random.NextDouble(), 1, 0), new MetricPoint("f1", random.NextDouble(), 1, 0), new MetricPoint("loss", random.NextDouble(), 1, 0)],
                    [new RunParam("trainer", trainer), new RunParam("lr", "0.0" + (i % 9 + 1)), new RunParam("seed", (i % 5).ToString(CultureInfo.InvariantCulture))],
                    [new TrackingTag("team", i % 2 == 0 ? "ds" : "ml"), new TrackingTag("note", "seeded")],
                    ct).ConfigureAwait(false);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {runCount:N0} runs on {engine.Name} through the store in {watch.Elapsed.TotalSeconds:0.0} s ({runCount / watch.Elapsed.TotalSeconds:N0} runs/s, create + log-batch each)"));

            // The steady state a server reaches once autovacuum has analysed the tables: right after a bulk load
            // PostgreSQL's planner still believes them empty and picks nested loops (seconds, not milliseconds).
            await using var connection = await engine.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
            await TrackingSql.ExecuteAsync(connection, null, "ANALYZE", ct).ConfigureAwait(false);
        }

        foreach (var (label, filter, orderBy) in new (string, string?, string[])[]
        {
            ("newest 1,000 (default order)", null, []),
            ("metrics.auc > 0.5 AND params.trainer = 'LightGbm' order by metrics.auc DESC", "metrics.auc > 0.5 AND params.trainer = 'LightGbm'", ["metrics.auc DESC"]),
            ("tags.team = 'ds' order by params.lr ASC", "tags.team = 'ds'", ["params.lr ASC"]),
        })
        {
            var (clauses, _) = SearchFilterParser.ParseFilter(filter, SearchSchema.Runs);
            var (orders, _) = SearchFilterParser.ParseOrderBy(orderBy, SearchSchema.Runs);
            Task Search(int e) => engines[e].Runs.SearchRunsAsync(new RunQuery([experiments[e]], clauses!, orders!, ViewType.ActiveOnly, 1000, 0), ct);
            var (sqlite, postgres) = await Timings.MeasurePairAsync(2, samples, _ => Search(0), _ => Search(1)).ConfigureAwait(false);
            Console.WriteLine($"runs/search {label}");
            Console.WriteLine($"  SQLite      {sqlite}");
            Console.WriteLine($"  PostgreSQL  {postgres}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio PostgreSQL/SQLite {postgres.MedianMs / sqlite.MedianMs:0.00}x (median)"));
        }
    }

    private static async Task InsertStrategiesAsync(PostgresMetadataDatabase postgres, Engine engine, int samples, CancellationToken ct)
    {
        var pks = new long[3];
        for (var i = 0; i < pks.Length; i++)
        {
            var runId = await engine.NewRunAsync("insert-" + i, ct).ConfigureAwait(false);
            await using var connection = await postgres.OpenConnectionAsync(ct).ConfigureAwait(false);
            pks[i] = (long)(await TrackingSql.ScalarAsync(connection, null, "SELECT run_pk FROM tracking_runs WHERE run_id = @id", ct, ("@id", runId)).ConfigureAwait(false))!;
        }

        async Task WithTransactionAsync(Func<NpgsqlConnection, System.Data.Common.DbTransaction, Task> insert)
        {
            await using var connection = (NpgsqlConnection)await postgres.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await insert(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }

        Task ArraysAsync(int step) => WithTransactionAsync((c, t) => Rows(step).ExecuteAsync(c, t, TrackingDialect.Postgres, "tracking_metrics", "ON CONFLICT DO NOTHING", pks[0], ct));

        // The SQLite path (16-row VALUES statements of bound parameters, one reused command) sent to PostgreSQL.
        Task ValuesAsync(int step) => WithTransactionAsync((c, t) => Rows(step).ExecuteAsync(c, t, TrackingDialect.Sqlite, "tracking_metrics", "ON CONFLICT DO NOTHING", pks[1], ct));

        // COPY cannot say ON CONFLICT, so it lands in a temp table first.
        Task CopyAsync(int step) => WithTransactionAsync(async (c, t) =>
        {
            await TrackingSql.ExecuteAsync(c, t, "CREATE TEMP TABLE metric_copy (key TEXT, step BIGINT, timestamp BIGINT, value DOUBLE PRECISION, is_nan BIGINT) ON COMMIT DROP", ct).ConfigureAwait(false);
            await using (var import = await c.BeginBinaryImportAsync("COPY metric_copy (key, step, timestamp, value, is_nan) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false))
            {
                for (var k = 0; k < Metrics; k++)
                {
                    await import.StartRowAsync(ct).ConfigureAwait(false);
                    await import.WriteAsync("m" + k, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                    await import.WriteAsync((long)step + 10, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
                    await import.WriteAsync(1_700_000_000_000L + step, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
                    await import.WriteAsync(0.001 * k, NpgsqlDbType.Double, ct).ConfigureAwait(false);
                    await import.WriteAsync(0L, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
                }

                await import.CompleteAsync(ct).ConfigureAwait(false);
            }

            await TrackingSql.ExecuteAsync(c, t, "INSERT INTO tracking_metrics (run_pk, key, step, timestamp, value, is_nan) SELECT @pk, key, step, timestamp, value, is_nan FROM metric_copy ON CONFLICT DO NOTHING", ct, ("@pk", pks[2])).ConfigureAwait(false);
        });

        var (arrays, values) = await Timings.MeasurePairAsync(3, samples, ArraysAsync, ValuesAsync).ConfigureAwait(false);
        var (arraysAgain, copy) = await Timings.MeasurePairAsync(3, samples, step => ArraysAsync(step + 1_000), step => CopyAsync(step + 1_000)).ConfigureAwait(false);
        Console.WriteLine($"PostgreSQL: {Metrics} metric points into tracking_metrics (one transaction each)");
        Console.WriteLine($"  unnest of 5 binary arrays, 1 statement  {arrays}");
        Console.WriteLine($"  multi-row VALUES, 16 rows x 32 stmts    {values}");
        Console.WriteLine($"  unnest (alternated with COPY)           {arraysAgain}");
        Console.WriteLine($"  binary COPY to temp table + INSERT      {copy}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio VALUES/unnest {values.MedianMs / arrays.MedianMs:0.0}x, COPY/unnest {copy.MedianMs / arraysAgain.MedianMs:0.0}x (median)"));
    }

    private static List<MetricPoint> Points(int step) =>
        Enumerable.Range(0, Metrics).Select(k => new MetricPoint("m" + k, 0.001 * k, 1_700_000_000_000L + step, step)).ToList();

    private static MetricRows Rows(int step)
    {
        var rows = new MetricRows();
        for (var k = 0; k < Metrics; k++)
        {
            rows.Row("m" + k, step + 10, 1_700_000_000_000L + step, 0.001 * k, isNaN: false);
        }

        return rows;
    }

    private sealed class Engine(string name, MetadataDatabase database)
    {
        public string Name => name;

        public MetadataDatabase Database => database;

        public SqlExperimentStore Experiments { get; } = new(database, TimeProvider.System);

        public SqlRunStore Runs { get; } = new(database, TimeProvider.System);

        private string ExperimentId { get; set; } = "0";

        public async Task StartAsync(CancellationToken ct) =>
            ExperimentId = (await Experiments.CreateExperimentAsync("bench-engines", null, [], ct).ConfigureAwait(false)).Value!;

        public async Task<string> NewRunAsync(string runName, CancellationToken ct) =>
            (await Runs.CreateRunAsync(new NewRun(ExperimentId, runName, "bench", null, []), ct).ConfigureAwait(false)).Value!.Info.RunId;
    }
}
