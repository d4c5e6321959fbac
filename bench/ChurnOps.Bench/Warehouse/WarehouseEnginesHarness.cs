using System.Globalization;
using ChurnOps.Core.Features;
using ChurnOps.Core.Warehouse;
using ChurnOps.Platform.Generation;
using ChurnOps.Platform.Ingestion;
using ChurnOps.Platform.Projects;
using ChurnOps.Storage.Features;
using ChurnOps.Storage.Warehouse;
using ChurnOps.Storage.Warehouse.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChurnOps.Bench.Warehouse;

/// <summary>
/// The warehouse on its two engines in one session, measured in CPU seconds (this process, plus the PostgreSQL
/// cluster's processes for the PostgreSQL runs), so a loaded machine does not decide the ratio: ingest of a generated
/// customers file (contract validation, quarantine, staging) into a project whose storage.warehouse is embedded DuckDB
/// vs PostgreSQL, and the point-in-time join of entity rows against a feature table (default 100k x 1M) read in full.
/// Engines alternate for each round, so machine noise falls on both.
/// </summary>
internal sealed class WarehouseEnginesHarness : IBenchHarness
{
    public string Name => "warehouse-engines";

    public string Description => "ingest 100k rows and the PIT join 100k x 1M on DuckDB vs PostgreSQL, in CPU seconds";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var rows = int.TryParse(Environment.GetEnvironmentVariable("CHURNOPS_BENCH_ROWS"), out var n) ? n : quick ? 20_000 : 100_000;
        var featureRows = quick ? 200_000 : 1_000_000;
        var rounds = quick ? 1 : 2;
        var dir = Path.Combine(Path.GetTempPath(), "churnops-bench-warehouse-" + Guid.NewGuid().ToString("N")[..8]);
        var cluster = await PostgresCluster.GetAsync().ConfigureAwait(false);
        var databaseName = await cluster.CreateDatabaseAsync("bench").ConfigureAwait(false);
        try
        {
            var data = await SyntheticChurnData.WriteAsync(new SyntheticDataOptions(rows, 42, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), HistoryDays: 31), Path.Combine(dir, "data"), cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"ingest: {rows:N0} customers ({new FileInfo(data.CustomersFile).Length / 1e6:F1} MB CSV); PIT: {rows:N0} entity rows x {featureRows:N0} feature rows");
            var postmaster = await PostmasterAsync(cluster.ConnectionString(databaseName), cancellationToken).ConfigureAwait(false);
            var ingest = new Dictionary<string, List<double>> { ["DuckDB"] = [], ["PostgreSQL"] = [] };
            for (var round = 0; round < rounds; round++)
            {
                foreach (var engine in round % 2 == 0 ? new[] { "DuckDB", "PostgreSQL" } : ["PostgreSQL", "DuckDB"])
                {
                    var root = Path.Combine(dir, $"{engine}-{round}");
                    await ProjectTemplate.WriteAsync(root, false, cancellationToken).ConfigureAwait(false);
                    if (engine == "PostgreSQL")
                    {
                        await ResetWarehouseAsync(cluster.ConnectionString(databaseName), cancellationToken).ConfigureAwait(false);
                        await File.AppendAllTextAsync(Path.Combine(root, "churnops.yaml"), $"\nstorage:\n  warehouse: {cluster.Url(databaseName)}\n", cancellationToken).ConfigureAwait(false);
                    }

                    var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(root, TimeProvider.System, cancellationToken).ConfigureAwait(false);
                    var service = (workspace ?? throw new InvalidOperationException(error)).Services.GetRequiredService<IngestionService>();
                    var cpu = Cpu.Start(engine == "PostgreSQL" ? postmaster : null);
                    var result = await service.IngestAsync(new IngestRequest("customers", [data.CustomersFile], null), cancellationToken).ConfigureAwait(false);
                    var seconds = cpu.Stop();
                    if (!result.Succeeded)
                    {
                        throw new InvalidOperationException($"{engine}: {result.Error}");
                    }

                    ingest[engine].Add(seconds);
                    Console.WriteLine($"  round {round} {engine,-10} ingest: {seconds,7:F2} CPU s (accepted {result.RowsAccepted:N0}, quarantined {result.RowsQuarantined:N0})");
                }
            }

            Report("ingest", ingest);
            await PointInTimeAsync(dir, cluster, databaseName, postmaster, rows, featureRows, rounds, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
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

    private static async Task PointInTimeAsync(string dir, PostgresCluster cluster, string databaseName, int postmaster, int entityRows, int featureRows, int rounds, CancellationToken ct)
    {
        var duck = await DuckDbWarehouse.OpenAsync(Path.Combine(dir, "pit.duckdb"), ct).ConfigureAwait(false);
        await ResetWarehouseAsync(cluster.ConnectionString(databaseName), ct).ConfigureAwait(false);
        await using var postgres = await PostgresWarehouse.OpenAsync(cluster.ConnectionString(databaseName), ct).ConfigureAwait(false);
        var keys = Math.Max(1, featureRows / 50);
        foreach (var (warehouse, appender) in new (IWarehouse, IWarehouseAppender)[] { (duck, new DuckDbWarehouseAppender(duck)), (postgres, new PostgresWarehouseAppender(postgres)) })
        {
            await warehouse.ExecuteInTransactionAsync(
            [
                "CREATE TABLE features.v (customer_id VARCHAR, event_timestamp TIMESTAMP, f1 DOUBLE PRECISION, f2 DOUBLE PRECISION)",
                "CREATE TABLE staging.entities (customer_id VARCHAR, event_timestamp TIMESTAMP, label INTEGER)",
            ], ct).ConfigureAwait(false);
            var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var random = new Random(7);
            await appender.AppendAsync("features", "v", writer =>
            {
                for (var i = 0; i < featureRows; i++)
                {
                    writer.BeginRow();
                    writer.Add("C" + (i % keys).ToString("D7", CultureInfo.InvariantCulture));
                    writer.Add((DateTime?)start.AddDays(i / keys).AddSeconds(i % 86_000));
                    writer.Add((double?)random.NextDouble());
                    writer.Add((double?)random.NextDouble());
                    writer.EndRow();
                }
            }, [], ct).ConfigureAwait(false);
            await appender.AppendAsync("staging", "entities", writer =>
            {
                for (var i = 0; i < entityRows; i++)
                {
                    writer.BeginRow();
                    writer.Add("C" + random.Next(keys).ToString("D7", CultureInfo.InvariantCulture));
                    writer.Add((DateTime?)start.AddSeconds(random.NextInt64(0, 60L * 86400)));
                    writer.Add((int?)random.Next(2));
                    writer.EndRow();
                }
            }, [], ct).ConfigureAwait(false);
            foreach (var sql in warehouse.Dialect.LookupIndex("features", "v", "customer_id", "event_timestamp").Concat(warehouse is PostgresWarehouse ? ["ANALYZE"] : []))
            {
                await warehouse.ExecuteAsync(sql, ct).ConfigureAwait(false);
            }
        }

        var view = new FeatureViewDefinition("v", "customer_id", "event_timestamp", null, TimeSpan.FromDays(30), null, null, "bench", [new("f1", null), new("f2", null)], "-");
        const string Entities = "SELECT customer_id, event_timestamp, label FROM staging.entities";
        string[] columns = ["customer_id", "event_timestamp", "label"];
        var joins = new Dictionary<string, (IWarehouse Warehouse, string Sql, int? Server)>
        {
            ["DuckDB"] = (duck, new DuckDbPointInTimeJoin().Build(Entities, columns, [new PointInTimeView(view, "VARCHAR")]), null),
            ["PostgreSQL"] = (postgres, new PostgresPointInTimeJoin().Build(Entities, columns, [new PointInTimeView(view, "VARCHAR")]), postmaster),
        };
        var cpu = new Dictionary<string, List<double>> { ["DuckDB"] = [], ["PostgreSQL"] = [] };
        for (var round = 0; round < rounds + 1; round++)
        {
            foreach (var engine in round % 2 == 0 ? new[] { "DuckDB", "PostgreSQL" } : ["PostgreSQL", "DuckDB"])
            {
                var (warehouse, sql, server) = joins[engine];
                var meter = Cpu.Start(server);
                var result = await warehouse.QueryAsync(sql, ct).ConfigureAwait(false);
                var seconds = meter.Stop();
                Console.WriteLine($"  round {round} {engine,-10} PIT join: {seconds,7:F2} CPU s ({result.RowCount:N0} rows{(round == 0 ? ", warm-up, not counted" : string.Empty)})");
                if (round > 0)
                {
                    cpu[engine].Add(seconds);
                }
            }
        }

        Report("PIT join", cpu);
    }

    private static void Report(string what, Dictionary<string, List<double>> cpu)
    {
        var duck = cpu["DuckDB"].Min();
        var postgres = cpu["PostgreSQL"].Min();
        Console.WriteLine($"{what}: DuckDB {duck:F2} CPU s, PostgreSQL {postgres:F2} CPU s (client + server), ratio PostgreSQL / DuckDB {postgres / duck:F2}x (best of each)");
    }

    private static async Task ResetWarehouseAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var drop = new NpgsqlCommand("DROP SCHEMA IF EXISTS raw, staging, quarantine, features, monitoring CASCADE", connection);
        await drop.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The cluster's postmaster: the parent of this connection's backend.</summary>
    private static async Task<int> PostmasterAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var backend = Convert.ToInt32(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
        return Cpu.Stat(backend)!.Value.ParentId;
    }

    /// <summary>
    /// CPU seconds (user + system) of this process and, when given, of a PostgreSQL cluster: its postmaster with the
    /// children it has reaped (cutime/cstime) plus every live child (backends, walwriter, checkpointer…).
    /// </summary>
    private sealed class Cpu
    {
        private const double Tick = 100.0;
        private readonly int? _postmaster;
        private readonly TimeSpan _process;
        private readonly double _server;

        private Cpu(int? postmaster)
        {
            _postmaster = postmaster;
            _process = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            _server = ServerSeconds(postmaster);
        }

        public static Cpu Start(int? postmaster) => new(postmaster);

        public double Stop() =>
            (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - _process).TotalSeconds + (ServerSeconds(_postmaster) - _server);

        public static (int ParentId, long Ticks, long ChildTicks)? Stat(int pid)
        {
            try
            {
                var text = File.ReadAllText($"/proc/{pid}/stat");
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                return (int.Parse(fields[1], CultureInfo.InvariantCulture),
                    long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture),
                    long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                return null;
            }
        }

        private static double ServerSeconds(int? postmaster)
        {
            if (postmaster is not { } parent || Stat(parent) is not { } root)
            {
                return 0;
            }

            var ticks = root.Ticks + root.ChildTicks;
            foreach (var entry in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(entry), out var pid) && pid != parent && Stat(pid) is { } stat && stat.ParentId == parent)
                {
                    ticks += stat.Ticks;
                }
            }

            return ticks / Tick;
        }
    }
}
