using System.Diagnostics;
using System.Globalization;
using ChurnOps.Core.Features;
using ChurnOps.Platform.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Bench.Features;

/// <summary>
/// Point-in-time join of N entity rows against a 10·N-row feature table (100 daily rows per entity, TTL 30 days). B: the
/// table as `features build` stores it (declared number/integer features as DOUBLE/INTEGER, rows in (key, time)
/// order); A: the table main's harness measured, written straight from the SQL (two features as 128-bit
/// DECIMAL(2x,1), generation order). Same join SQL, alternating rounds, results checked equal to each other and to a
/// naive range join. Wall and CPU seconds (all DuckDB threads run in this process): on a shared machine wall time
/// includes waiting for a core, CPU time does not.
/// </summary>
internal sealed class PointInTimeJoinBenchmark : IBenchHarness
{
    private const string Features = "f1, f2, f3, f4, f5";

    private readonly Dictionary<string, (double Wall, double Cpu)> _best = [];

    public string Name => "features-pit-join";

    public string Description => "Point-in-time join, 1M entity rows x 10M feature rows (--quick: 100k x 1M; CHURNOPS_PIT_ROWS=N), built table vs main's DECIMAL table vs naive range join";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var entityRows = int.TryParse(Environment.GetEnvironmentVariable("CHURNOPS_PIT_ROWS"), CultureInfo.InvariantCulture, out var rows) && rows >= 1000
            ? rows : quick ? 100_000 : 1_000_000;
        var featureRows = entityRows * 10;
        var entities = featureRows / 100;
        var (workspace, root) = await BenchProject.CreateAsync("pit");
        try
        {
            var warehouse = workspace.Warehouse;
            var setup = Stopwatch.StartNew();
            // "* 1.0" makes DECIMAL(2x,1) columns, as SQL over integer columns often does.
            await warehouse.ExecuteAsync($"""
                CREATE TABLE staging.pit_source AS
                SELECT e AS customer_id,
                       TIMESTAMP '2024-01-01' + INTERVAL (d) DAY + INTERVAL (e % 86400) SECOND AS event_timestamp,
                       (hash(e, d) % 1000) / 10.0 AS f1, (hash(d, e) % 97) * 1.0 AS f2, d * 1.0 AS f3,
                       (hash(e * 7 + d) % 5000) / 100.0 AS f4, CAST(hash(e + d) % 3 AS INTEGER) AS f5
                FROM range({entities}) r1(e), range(100) r2(d);
                CREATE TABLE staging.pit_labels AS
                SELECT CAST(hash(i) % {entities} AS BIGINT) AS customer_id,
                       TIMESTAMP '2024-01-01' + INTERVAL (CAST(hash(i * 3) % (110 * 86400) AS BIGINT)) SECOND AS event_timestamp,
                       CAST(hash(i * 5) % 2 AS INTEGER) AS churned
                FROM range({entityRows}) r(i);
                CREATE TABLE features.pit_main AS SELECT * FROM staging.pit_source;
                """, cancellationToken);
            setup.Stop();

            FeatureDefinition Number(string name) => new(name, null, FeatureStorageType.Resolve("number", null).Type);
            var view = new FeatureViewDefinition("pit_bench", "customer_id", "event_timestamp", null, TimeSpan.FromDays(30), "bench", null, "bench",
                [Number("f1"), Number("f2"), Number("f3"), Number("f4"), new FeatureDefinition("f5", null, FeatureStorageType.Resolve("integer", "INTEGER").Type)],
                "SELECT * FROM staging.pit_source");
            var store = workspace.Services.GetRequiredService<FeatureStore>();
            await store.Registry.RegisterAsync([new RegisteredFeatureView(view, FeatureViewVersioning.VersionOf(view), DateTimeOffset.UtcNow)], cancellationToken);
            var buildWatch = Stopwatch.StartNew();
            var build = await store.BuildAsync(view.Name, cancellationToken);
            buildWatch.Stop();
            if (!build.Succeeded)
            {
                throw new InvalidOperationException(build.Error);
            }

            const string entitySql = "SELECT customer_id, event_timestamp, churned FROM staging.pit_labels";
            var (plan, error) = await new TrainingSetQuery(warehouse, store.Registry, workspace.Services.GetRequiredService<IPointInTimeJoinDialect>()).PrepareAsync(entitySql, [view.Name], cancellationToken);
            if (plan is null)
            {
                throw new InvalidOperationException(error);
            }

            var onMainTable = plan.Sql.Replace("\"features\".\"pit_bench\"", "\"features\".\"pit_main\"", StringComparison.Ordinal);
            var naive = $"""
                SELECT e.customer_id, e.event_timestamp, e.churned, f.f1, f.f2, f.f3, f.f4, f.f5
                FROM (SELECT *, row_number() OVER () AS rid FROM ({entitySql})) e
                LEFT JOIN features.pit_bench f
                  ON f.customer_id = e.customer_id AND f.event_timestamp <= e.event_timestamp
                 AND f.event_timestamp >= e.event_timestamp - INTERVAL 30 DAY
                QUALIFY row_number() OVER (PARTITION BY e.rid ORDER BY f.event_timestamp DESC) = 1
                """;

            // Alternating rounds, best of each: the first query over fresh tables pays cold-cache costs.
            var parquetPath = Path.Combine(root, "training_set.parquet");
            for (var round = 0; round < 2; round++)
            {
                await TimeAsync("B", () => warehouse.ExecuteAsync($"CREATE OR REPLACE TABLE staging.pit_b AS {plan.Sql}", cancellationToken));
                await TimeAsync("A", () => warehouse.ExecuteAsync($"CREATE OR REPLACE TABLE staging.pit_a AS {onMainTable}", cancellationToken));
                await TimeAsync("parquet", () => warehouse.ExecuteAsync($"COPY ({plan.Sql}) TO '{parquetPath}' (FORMAT parquet)", cancellationToken));
                if (quick || round == 0)
                {
                    await TimeAsync("naive", () => warehouse.ExecuteAsync($"CREATE OR REPLACE TABLE staging.pit_naive AS {naive}", cancellationToken));
                }
            }

            await TimeAsync("dotnet", async () =>
            {
                var set = await store.GetTrainingSetAsync(entitySql, [view.Name], cancellationToken);
                if (!set.Succeeded || set.Data.RowCount != entityRows)
                {
                    throw new InvalidOperationException(set.Error ?? "row count differs");
                }
            });

            var columns = $"customer_id, event_timestamp, churned, {Features}";
            var vsNaive = await warehouse.ScalarAsync($"SELECT COUNT(*) FROM (SELECT {columns} FROM staging.pit_b EXCEPT ALL SELECT {columns} FROM staging.pit_naive)", cancellationToken);
            var vsMain = await warehouse.ScalarAsync($"SELECT COUNT(*) FROM (SELECT {columns} FROM staging.pit_b EXCEPT ALL SELECT {columns} FROM staging.pit_a)", cancellationToken);
            var matched = await warehouse.ScalarAsync("SELECT COUNT(f1) FROM staging.pit_b", cancellationToken);
            async Task<string> TypesOfAsync(string table) => string.Join(", ", (await warehouse.DescribeAsync("features", table, cancellationToken)).Select(c => c.Name + " " + c.SqlType));

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pit-join: {entityRows:N0} entity rows x {featureRows:N0} feature rows (setup {setup.Elapsed.TotalSeconds:F1} s, features build {buildWatch.Elapsed.TotalSeconds:F1} s; {matched:N0} rows matched within TTL; rows differing: B vs naive {vsNaive}, B vs A {vsMain})"));
            Console.WriteLine($"  B table (features build): {await TypesOfAsync("pit_bench")}");
            Console.WriteLine($"  A table (main's harness): {await TypesOfAsync("pit_main")}");
            Print("churnops B: join on the built table (best of 2)", "B");
            Print("churnops A: join on main's harness table      ", "A");
            Print("churnops B written to Parquet                 ", "parquet");
            Print("naive range join + row_number() on B          ", "naive");
            Print("churnops GetTrainingSetAsync (rows into .NET) ", "dotnet");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio A / B: wall {_best["A"].Wall / _best["B"].Wall:F2}x, CPU {_best["A"].Cpu / _best["B"].Cpu:F2}x; naive / B: wall {_best["naive"].Wall / _best["B"].Wall:F1}x, CPU {_best["naive"].Cpu / _best["B"].Cpu:F1}x"));
        }
        finally
        {
            BenchProject.Delete(root);
        }
    }

    private void Print(string label, string key) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label} {_best[key].Wall,8:F2} s wall {_best[key].Cpu,8:F2} s CPU"));

    private async Task TimeAsync(string label, Func<Task> action)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await action();
        var wall = watch.Elapsed.TotalSeconds;
        var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        _best[label] = _best.TryGetValue(label, out var best) ? (Math.Min(best.Wall, wall), Math.Min(best.Cpu, used)) : (wall, used);
    }
}
