using ChurnOps.Core.Data;
using ChurnOps.Core.Features;
using ChurnOps.Core.Warehouse;
using ChurnOps.Storage.Features;
using ChurnOps.Storage.Tests.Warehouse;
using ChurnOps.Storage.Warehouse;
using ChurnOps.Storage.Warehouse.Postgres;

namespace ChurnOps.Storage.Tests.Features;

/// <summary>
/// The point-in-time join on DuckDB (ASOF) and PostgreSQL (LATERAL … LIMIT 1) over the same seeded feature timelines:
/// both give the training set a brute-force join computes here, row for row, doubles bit for bit, including rows at
/// the TTL edge, rows with no earlier feature and keys of two types.
/// </summary>
public sealed class PointInTimeJoinEnginesTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>, IAsyncLifetime, IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TempDirectory _temp = new();
    private readonly TempPostgresWarehouse _postgres = new(database);

    public Task InitializeAsync() => _postgres.ResetAsync();

    public Task DisposeAsync() => _postgres.DisposeAsync().AsTask();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Build_SameTimelinesOnBothEngines_IdenticalTrainingSetsEqualToBruteForce()
    {
        var timeline = Timeline.Create(seed: 3, customers: 60, rowsPerCustomer: 12, entityRows: 400);
        var duck = await DuckDbWarehouse.OpenAsync(_temp.Sub("w.duckdb"), Ct);
        var postgres = await _postgres.OpenAsync();
        await timeline.WriteAsync(duck, new DuckDbWarehouseAppender(duck), Ct);
        await timeline.WriteAsync(postgres, new PostgresWarehouseAppender(postgres), Ct);
        var views = new[] { new PointInTimeView(Timeline.ViewA, "VARCHAR"), new PointInTimeView(Timeline.ViewB, "INTEGER") };
        const string Entities = "SELECT customer_id, account_id, event_timestamp, label FROM staging.entities";
        string[] entityColumns = ["customer_id", "account_id", "event_timestamp", "label"];

        var fromDuck = await duck.QueryAsync(new DuckDbPointInTimeJoin().Build(Entities, entityColumns, views), Ct);
        var fromPostgres = await postgres.QueryAsync(new PostgresPointInTimeJoin().Build(Entities, entityColumns, views), Ct);

        Assert.Equal(timeline.Entities.Count, fromDuck.RowCount);
        Assert.Equal(["customer_id", "account_id", "event_timestamp", "label", "f1", "f2", "g1"], fromPostgres.Columns.Select(c => c.Name));
        foreach (var column in fromDuck.Columns)
        {
            var other = fromPostgres[column.Name];
            Assert.Equal(column.Kind, other.Kind);
            if (column.Numbers is { } numbers)
            {
                Assert.Equal(numbers.Select(BitConverter.DoubleToInt64Bits), other.Numbers!.Select(BitConverter.DoubleToInt64Bits));
            }
            else
            {
                Assert.Equal(column.Texts!, other.Texts!);
            }
        }

        var (f1, f2, g1) = timeline.BruteForce();
        Assert.Equal(f1.Select(BitConverter.DoubleToInt64Bits), fromPostgres["f1"].Numbers!.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(f2, fromPostgres["f2"].Texts!);
        Assert.Equal(g1.Select(BitConverter.DoubleToInt64Bits), fromPostgres["g1"].Numbers!.Select(BitConverter.DoubleToInt64Bits));
        Assert.Contains(f1, double.IsNaN);
        Assert.Contains(f1, v => !double.IsNaN(v));
    }

    [Theory]
    [InlineData(WarehouseFileFormat.Csv)]
    [InlineData(WarehouseFileFormat.Parquet)]
    public async Task Build_EntityRowsFromAFile_BothEnginesReadTheSameTypesAndJoinAlike(WarehouseFileFormat format)
    {
        var timeline = Timeline.Create(seed: 5, customers: 30, rowsPerCustomer: 8, entityRows: 200);
        var duck = await DuckDbWarehouse.OpenAsync(_temp.Sub("w.duckdb"), Ct);
        var postgres = await _postgres.OpenAsync();
        await timeline.WriteAsync(duck, new DuckDbWarehouseAppender(duck), Ct);
        await timeline.WriteAsync(postgres, new PostgresWarehouseAppender(postgres), Ct);
        var file = _temp.Sub(format == WarehouseFileFormat.Csv ? "entities.csv" : "entities.parquet");
        await new DuckDbQueryFileExport().WriteAsync(duck, "SELECT customer_id, account_id, event_timestamp, label FROM staging.entities", file, format, Ct);
        var views = new[] { new PointInTimeView(Timeline.ViewA, "VARCHAR"), new PointInTimeView(Timeline.ViewB, "INTEGER") };
        string[] entityColumns = ["customer_id", "account_id", "event_timestamp", "label"];

        TabularData fromDuck, fromPostgres;
        await using (var rows = await new DuckDbFileRowSource().OpenAsync(duck, file, format, Ct))
        {
            fromDuck = await duck.QueryAsync(new DuckDbPointInTimeJoin().Build(rows.Sql, entityColumns, views), Ct);
        }

        await using (var rows = await new PostgresFileRowSource().OpenAsync(postgres, file, format, Ct))
        {
            Assert.Null(rows.Error);
            Assert.Equal(["VARCHAR", format == WarehouseFileFormat.Csv ? "BIGINT" : "INTEGER", "TIMESTAMP"], (await postgres.DescribeAsync("staging", rows.Sql.Split('.')[^1].Trim('"'), Ct)).Take(3).Select(c => c.SqlType));
            fromPostgres = await postgres.QueryAsync(new PostgresPointInTimeJoin().Build(rows.Sql, entityColumns, views), Ct);
        }

        AssertSameColumns(fromDuck, fromPostgres);
        var (f1, f2, g1) = timeline.BruteForce();
        Assert.Equal(f1.Select(BitConverter.DoubleToInt64Bits), fromPostgres["f1"].Numbers!.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(f2, fromPostgres["f2"].Texts!);
        Assert.Equal(g1.Select(BitConverter.DoubleToInt64Bits), fromPostgres["g1"].Numbers!.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(timeline.Entities.Select(e => (e.Ts - DateTime.UnixEpoch).TotalSeconds), fromPostgres["event_timestamp"].Numbers!);
        Assert.Equal(0L, await postgres.ScalarAsync("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'staging' AND table_name LIKE '\\_\\_file\\_%'", Ct));
    }

    [Fact]
    public async Task OpenAsync_NotACsvOrParquetFile_ErrorValueAndNoScratchTableLeft()
    {
        var postgres = await _postgres.OpenAsync();
        var file = _temp.Sub("entities.parquet");
        await File.WriteAllTextAsync(file, "customer_id,event_timestamp\nC1,2024-01-01\n");

        await using var rows = await new PostgresFileRowSource().OpenAsync(postgres, file, WarehouseFileFormat.Parquet, Ct);

        Assert.NotNull(rows.Error);
        Assert.DoesNotContain('\n', rows.Error);
        Assert.Equal(0L, await postgres.ScalarAsync("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'staging'", Ct));
    }

    private static void AssertSameColumns(TabularData expected, TabularData actual)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.Equal(expected.Columns.Select(c => c.Name), actual.Columns.Select(c => c.Name));
        foreach (var column in expected.Columns)
        {
            var other = actual[column.Name];
            Assert.Equal(column.Kind, other.Kind);
            if (column.Numbers is { } numbers)
            {
                Assert.Equal(numbers.Select(BitConverter.DoubleToInt64Bits), other.Numbers!.Select(BitConverter.DoubleToInt64Bits));
            }
            else
            {
                Assert.Equal(column.Texts!, other.Texts!);
            }
        }
    }

    /// <summary>Two feature views over seeded timelines (unique per key and timestamp) and entity rows that probe them.</summary>
    private sealed record Timeline(
        List<(string Key, DateTime Ts, double F1, string F2)> A,
        List<(int Key, DateTime Ts, double G1)> B,
        List<(string Customer, int Account, DateTime Ts, int Label)> Entities)
    {
        public static readonly FeatureViewDefinition ViewA = new("v_a", "customer_id", "event_timestamp", null, TimeSpan.FromDays(5), null, null, "test", [new("f1", null), new("f2", null)], "-");

        public static readonly FeatureViewDefinition ViewB = new("v_b", "account_id", "ts", null, TimeSpan.FromDays(2), null, null, "test", [new("g1", null)], "-");

        public static Timeline Create(int seed, int customers, int rowsPerCustomer, int entityRows)
        {
            var random = new Random(seed);
            var a = new List<(string, DateTime, double, string)>();
            var b = new List<(int, DateTime, double)>();
            for (var c = 0; c < customers; c++)
            {
                foreach (var day in Enumerable.Range(0, 60).OrderBy(_ => random.Next()).Take(rowsPerCustomer))
                {
                    var ts = Start.AddDays(day).AddSeconds(random.Next(0, 86400));
                    a.Add(($"C{c}", ts, BitConverter.Int64BitsToDouble(random.NextInt64(0x3C00000000000000, 0x4400000000000000)), "t" + random.Next(5)));
                    b.Add((c, ts.AddHours(random.Next(-30, 30)), random.NextDouble() * 1e6));
                }
            }

            // Probes: random times, and exactly at a feature timestamp and at its TTL edge (inclusive) and one second past it.
            var entities = new List<(string, int, DateTime, int)>();
            for (var i = 0; i < entityRows; i++)
            {
                var c = random.Next(customers + 3);
                var ts = (i % 4) switch
                {
                    0 when c < customers => a[(c * rowsPerCustomer) + random.Next(rowsPerCustomer)].Item2,
                    1 when c < customers => a[(c * rowsPerCustomer) + random.Next(rowsPerCustomer)].Item2.AddDays(5),
                    2 when c < customers => a[(c * rowsPerCustomer) + random.Next(rowsPerCustomer)].Item2.AddDays(5).AddSeconds(1),
                    _ => Start.AddSeconds(random.NextInt64(-86400, 70L * 86400)),
                };
                entities.Add(($"C{c}", c, ts, random.Next(2)));
            }

            b = [.. b.GroupBy(r => (r.Item1, r.Item2)).Select(g => g.First())];
            return new Timeline(a, b, entities);
        }

        public async Task WriteAsync(IWarehouse warehouse, IWarehouseAppender appender, CancellationToken ct)
        {
            await warehouse.ExecuteInTransactionAsync(
            [
                "CREATE TABLE features.v_a (customer_id VARCHAR, event_timestamp TIMESTAMP, f1 DOUBLE PRECISION, f2 VARCHAR)",
                "CREATE TABLE features.v_b (account_id INTEGER, ts TIMESTAMP, g1 DOUBLE PRECISION)",
                "CREATE TABLE staging.entities (customer_id VARCHAR, account_id INTEGER, event_timestamp TIMESTAMP, label INTEGER)",
                .. warehouse.Dialect.LookupIndex("features", "v_a", "customer_id", "event_timestamp"),
                .. warehouse.Dialect.LookupIndex("features", "v_b", "account_id", "ts"),
            ], ct);
            await appender.AppendAsync("features", "v_a", rows => A.ForEach(r => Row(rows, r.Key, r.Ts, r.F1, r.F2)), [], ct);
            await appender.AppendAsync("features", "v_b", rows =>
            {
                foreach (var r in B)
                {
                    rows.BeginRow();
                    rows.Add((int?)r.Key);
                    rows.Add((DateTime?)r.Ts);
                    rows.Add((double?)r.G1);
                    rows.EndRow();
                }
            }, [], ct);
            await appender.AppendAsync("staging", "entities", rows =>
            {
                foreach (var e in Entities)
                {
                    rows.BeginRow();
                    rows.Add(e.Customer);
                    rows.Add((int?)e.Account);
                    rows.Add((DateTime?)e.Ts);
                    rows.Add((int?)e.Label);
                    rows.EndRow();
                }
            }, [], ct);
        }

        public (double[] F1, string?[] F2, double[] G1) BruteForce()
        {
            var f1 = new double[Entities.Count];
            var f2 = new string?[Entities.Count];
            var g1 = new double[Entities.Count];
            for (var i = 0; i < Entities.Count; i++)
            {
                var e = Entities[i];
                var latestA = A.Where(r => r.Key == e.Customer && r.Ts <= e.Ts).OrderByDescending(r => r.Ts).Select(r => ((string, DateTime, double, string)?)r).FirstOrDefault();
                var fresh = latestA is { } found && found.Item2 >= e.Ts - ViewA.Ttl;
                f1[i] = fresh ? latestA!.Value.Item3 : double.NaN;
                f2[i] = fresh ? latestA!.Value.Item4 : null;
                var latestB = B.Where(r => r.Key == e.Account && r.Ts <= e.Ts).OrderByDescending(r => r.Ts).Select(r => ((int, DateTime, double)?)r).FirstOrDefault();
                g1[i] = latestB is { } b && b.Item2 >= e.Ts - ViewB.Ttl ? b.Item3 : double.NaN;
            }

            return (f1, f2, g1);
        }

        private static void Row(IWarehouseRowWriter rows, string key, DateTime ts, double f1, string f2)
        {
            rows.BeginRow();
            rows.Add(key);
            rows.Add((DateTime?)ts);
            rows.Add((double?)f1);
            rows.Add(f2);
            rows.EndRow();
        }
    }
}
