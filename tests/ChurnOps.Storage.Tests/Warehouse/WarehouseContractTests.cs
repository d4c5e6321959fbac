using System.Globalization;
using ChurnOps.Core.Data;
using ChurnOps.Core.Warehouse;

namespace ChurnOps.Storage.Tests.Warehouse;

/// <summary>
/// What every IWarehouse backend (DuckDB now, PostgreSQL later) must do. The SQL here sticks to what both dialects
/// accept (FLOAT8, BIGINT, VARCHAR, BOOLEAN, TIMESTAMP, VALUES lists) and to the standard schemas, which a backend creates.
/// </summary>
public abstract class WarehouseContractTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    protected abstract Task<IWarehouse> CreateStoreAsync();

    private static async Task<long> CountAsync(IWarehouse warehouse, string table) =>
        Convert.ToInt64(await warehouse.ScalarAsync($"SELECT COUNT(*) FROM {table}", Ct), CultureInfo.InvariantCulture);

    [Fact]
    public async Task ExecuteInTransactionAsync_FailingStatement_RollsBackEarlierOnes()
    {
        var warehouse = await CreateStoreAsync();
        await warehouse.ExecuteAsync("CREATE TABLE staging.t (id INTEGER)", Ct);

        await Assert.ThrowsAnyAsync<Exception>(() => warehouse.ExecuteInTransactionAsync(
            ["INSERT INTO staging.t VALUES (1)", "CREATE TABLE staging.created_then_rolled_back (x INTEGER)", "INSERT INTO staging.missing VALUES (2)"],
            Ct));

        Assert.Equal(0, await CountAsync(warehouse, "staging.t"));
        Assert.False(await warehouse.TableExistsAsync("staging", "created_then_rolled_back", Ct));
    }

    [Fact]
    public async Task ExecuteInTransactionAsync_AllSucceed_AllCommitted()
    {
        var warehouse = await CreateStoreAsync();

        await warehouse.ExecuteInTransactionAsync(
            ["CREATE TABLE staging.t (id INTEGER)", "INSERT INTO staging.t VALUES (1), (2)", "INSERT INTO staging.t VALUES (3)"],
            Ct);

        Assert.Equal(3, await CountAsync(warehouse, "staging.t"));
    }

    [Fact]
    public async Task ExecuteAsync_SeveralStatementsOneFails_NoneCommitted()
    {
        var warehouse = await CreateStoreAsync();
        await warehouse.ExecuteAsync("CREATE TABLE staging.t (id INTEGER)", Ct);

        await Assert.ThrowsAnyAsync<Exception>(() => warehouse.ExecuteAsync("INSERT INTO staging.t VALUES (1); INSERT INTO staging.missing VALUES (2);", Ct));

        Assert.Equal(0, await CountAsync(warehouse, "staging.t"));
    }

    [Fact]
    public async Task QueryAsync_StoredDoubles_ReadBackBitExact()
    {
        var warehouse = await CreateStoreAsync();
        var random = new Random(5);
        var values = Enumerable.Range(0, 200)
            .Select(i => (i % 3) switch
            {
                0 => random.NextDouble(),
                1 => BitConverter.Int64BitsToDouble(random.NextInt64(1, 0x7FEFFFFFFFFFFFFF)),
                _ => -random.NextDouble() * Math.Pow(10, random.Next(-300, 300)),
            })
            .Concat([0.1 + 0.2, 1.0 / 3, double.MaxValue, double.MinValue, 5e-324, 2.2250738585072014e-308])
            .ToList();
        await warehouse.ExecuteAsync("CREATE TABLE staging.d (i INTEGER, x FLOAT8)", Ct);
        // The shortest round-trip text of a double names exactly that double; a correct SQL parser lands on it.
        var rows = string.Join(", ", values.Select((v, i) => $"({i}, CAST('{v.ToString("R", CultureInfo.InvariantCulture)}' AS FLOAT8))"));
        await warehouse.ExecuteAsync($"INSERT INTO staging.d VALUES {rows}", Ct);

        var data = await warehouse.QueryAsync("SELECT x FROM staging.d ORDER BY i", Ct);

        Assert.Equal(ColumnKind.Numeric, data["x"].Kind);
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), data["x"].Numbers!.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public async Task QueryAsync_ComputedDoubles_MatchIeeeArithmeticBitExact()
    {
        var warehouse = await CreateStoreAsync();
        var numerators = Enumerable.Range(1, 50).ToList();

        var data = await warehouse.QueryAsync(
            $"SELECT CAST(v AS FLOAT8) / 7 AS q FROM (VALUES {string.Join(", ", numerators.Select(n => $"({n})"))}) AS t(v) ORDER BY v",
            Ct);

        Assert.Equal(numerators.Select(n => BitConverter.DoubleToInt64Bits(n / 7.0)), data["q"].Numbers!.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public async Task QueryAsync_TypesNullsAndEmptyResult_MappedToColumnKinds()
    {
        var warehouse = await CreateStoreAsync();
        await warehouse.ExecuteAsync("CREATE TABLE staging.mixed (i BIGINT, d FLOAT8, s VARCHAR, b BOOLEAN, ts TIMESTAMP)", Ct);
        await warehouse.ExecuteAsync("INSERT INTO staging.mixed VALUES (1, 2.5, 'ü ✓', TRUE, TIMESTAMP '2024-01-01 00:00:00.25'), (NULL, NULL, NULL, FALSE, NULL)", Ct);

        var data = await warehouse.QueryAsync("SELECT * FROM staging.mixed ORDER BY b DESC", Ct);
        var empty = await warehouse.QueryAsync("SELECT * FROM staging.mixed WHERE i = 42", Ct);

        Assert.Equal(2, data.RowCount);
        Assert.Equal([ColumnKind.Numeric, ColumnKind.Numeric, ColumnKind.Text, ColumnKind.Boolean, ColumnKind.Timestamp], data.Columns.Select(c => c.Kind));
        Assert.Equal("ü ✓", data["s"].Texts![0]);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds() + 0.25, data["ts"].Numbers![0]);
        Assert.All(["i", "d", "s", "ts"], c => Assert.True(data[c].IsMissing(1)));
        Assert.Equal(0, data["b"].Numbers![1]);
        Assert.Equal(0, empty.RowCount);
        Assert.Equal(["i", "d", "s", "b", "ts"], empty.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task ScalarAsync_NullResult_IsNull()
    {
        var warehouse = await CreateStoreAsync();

        Assert.Null(await warehouse.ScalarAsync("SELECT CAST(NULL AS BIGINT)", Ct));
        Assert.Equal(3L, Convert.ToInt64(await warehouse.ScalarAsync("SELECT 1 + 2", Ct), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task TableExistsAndDescribe_UnknownTable_FalseAndEmpty()
    {
        var warehouse = await CreateStoreAsync();

        Assert.False(await warehouse.TableExistsAsync("staging", "missing", Ct));
        Assert.False(await warehouse.TableExistsAsync("nosuchschema", "missing", Ct));
        Assert.Empty(await warehouse.DescribeAsync("staging", "missing", Ct));
    }

    [Fact]
    public async Task DescribeAsync_Table_ColumnsInDeclaredOrderWithNullability()
    {
        var warehouse = await CreateStoreAsync();
        await warehouse.ExecuteAsync("CREATE TABLE features.v (zeta VARCHAR NOT NULL, alpha FLOAT8, mid BIGINT NOT NULL)", Ct);

        var columns = await warehouse.DescribeAsync("features", "v", Ct);

        Assert.True(await warehouse.TableExistsAsync("features", "v", Ct));
        Assert.Equal(["zeta", "alpha", "mid"], columns.Select(c => c.Name));
        Assert.Equal([false, true, false], columns.Select(c => c.Nullable));
        Assert.All(columns, c => Assert.False(string.IsNullOrWhiteSpace(c.SqlType)));
    }

    [Fact]
    public async Task ExecuteAsync_TwoWritersAppendingAtOnce_EveryRowKept()
    {
        var warehouse = await CreateStoreAsync();
        await warehouse.ExecuteAsync("CREATE TABLE monitoring.p (writer INTEGER, n INTEGER)", Ct);

        await Task.WhenAll(Enumerable.Range(0, 2).Select(w => Task.Run(async () =>
        {
            for (var n = 0; n < 20; n++)
            {
                await warehouse.ExecuteAsync($"INSERT INTO monitoring.p VALUES ({w}, {n})", Ct);
            }
        })));

        Assert.Equal(40, await CountAsync(warehouse, "monitoring.p"));
        Assert.Equal(40L, Convert.ToInt64(await warehouse.ScalarAsync("SELECT COUNT(*) FROM (SELECT DISTINCT writer, n FROM monitoring.p) AS d", Ct), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ExecuteAsync_AfterReopen_DataIsStillThere()
    {
        await (await CreateStoreAsync()).ExecuteAsync("CREATE TABLE raw.kept (id INTEGER); INSERT INTO raw.kept VALUES (7)", Ct);

        var reopened = await CreateStoreAsync();

        Assert.Equal(7L, Convert.ToInt64(await reopened.ScalarAsync("SELECT id FROM raw.kept", Ct), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ExecuteInTransactionAsync_Cancelled_ThrowsAndChangesNothing()
    {
        var warehouse = await CreateStoreAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => warehouse.ExecuteInTransactionAsync(["CREATE TABLE staging.c (id INTEGER)"], cancelled.Token));

        Assert.False(await warehouse.TableExistsAsync("staging", "c", Ct));
    }
}
