using System.Data.Common;
using System.Globalization;
using ChurnOps.Core.Warehouse;

namespace ChurnOps.Storage.Tests.Warehouse;

/// <summary>
/// What every backend's bulk roles must do (DuckDB's appender, PostgreSQL's binary COPY; multi-statement transactions):
/// rows and statements commit together or not at all, and a double goes in and comes out with the same 64 bits.
/// </summary>
public abstract class WarehouseBulkRolesContractTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    protected abstract Task<(IWarehouse Warehouse, IWarehouseAppender Appender, IWarehouseTransactions Transactions)> CreateStoreAsync();

    private async Task<(IWarehouse Warehouse, IWarehouseAppender Appender, IWarehouseTransactions Transactions)> WithTableAsync()
    {
        var store = await CreateStoreAsync();
        await store.Warehouse.ExecuteInTransactionAsync(
            ["CREATE TABLE monitoring.t (s VARCHAR, i INTEGER, d DOUBLE PRECISION, b BOOLEAN, ts TIMESTAMP)", "CREATE TABLE monitoring.marks (segment VARCHAR PRIMARY KEY, last_sequence BIGINT)"],
            Ct);
        return store;
    }

    private static async Task<long> CountAsync(IWarehouse warehouse, string table) =>
        Convert.ToInt64(await warehouse.ScalarAsync($"SELECT count(*) FROM {table}", Ct), CultureInfo.InvariantCulture);

    [Fact]
    public async Task AppendAsync_RowsAndStatement_CommitTogether()
    {
        var (warehouse, appender, _) = await WithTableAsync();

        await appender.AppendAsync("monitoring", "t", rows =>
        {
            rows.BeginRow();
            rows.Add("a");
            rows.Add((int?)1);
            rows.Add(0.25);
            rows.Add(true);
            rows.Add(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc));
            rows.EndRow();
            rows.BeginRow();
            rows.Add((string?)null);
            rows.Add((int?)null);
            rows.Add((double?)null);
            rows.Add((bool?)null);
            rows.Add((DateTime?)null);
            rows.EndRow();
        }, ["INSERT INTO monitoring.marks VALUES ('s', 7) ON CONFLICT (segment) DO UPDATE SET last_sequence = excluded.last_sequence"], Ct);

        var data = await warehouse.QueryAsync("SELECT s, i, d, b, ts FROM monitoring.t ORDER BY i NULLS LAST", Ct);
        Assert.Equal(2, data.RowCount);
        Assert.Equal("a", data["s"].Texts![0]);
        Assert.Null(data["s"].Texts![1]);
        Assert.Equal(0.25, data["d"].Numbers![0]);
        Assert.True(double.IsNaN(data["d"].Numbers![1]));
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).ToUnixTimeSeconds(), data["ts"].Numbers![0]);
        Assert.Equal(7L, Convert.ToInt64(await warehouse.ScalarAsync("SELECT last_sequence FROM monitoring.marks", Ct), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AppendAsync_StatementFails_NoRowIsKept()
    {
        var (warehouse, appender, _) = await WithTableAsync();

        await Assert.ThrowsAnyAsync<DbException>(() => appender.AppendAsync("monitoring", "t", rows =>
        {
            rows.BeginRow();
            rows.Add("a");
            rows.Add((int?)1);
            rows.Add(0.5);
            rows.Add(false);
            rows.Add((DateTime?)null);
            rows.EndRow();
        }, ["INSERT INTO monitoring.no_such_table VALUES (1)"], Ct));

        Assert.Equal(0, await CountAsync(warehouse, "monitoring.t"));
    }

    [Fact]
    public async Task AppendAsync_AnyDouble_ReadsBackBitExact()
    {
        var (warehouse, appender, _) = await WithTableAsync();
        var random = new Random(11);
        var values = Enumerable.Range(0, 500)
            .Select(i => i % 2 == 0 ? random.NextDouble() : BitConverter.Int64BitsToDouble(random.NextInt64(1, 0x7FEFFFFFFFFFFFFF)) * (i % 4 == 1 ? -1 : 1))
            .Concat([0.1 + 0.2, 1.0 / 3, double.MaxValue, double.Epsilon, -0.0])
            .ToList();

        await appender.AppendAsync("monitoring", "t", rows =>
        {
            for (var i = 0; i < values.Count; i++)
            {
                rows.BeginRow();
                rows.Add(i.ToString(CultureInfo.InvariantCulture));
                rows.Add((int?)i);
                rows.Add(values[i]);
                rows.Add((bool?)null);
                rows.Add((DateTime?)null);
                rows.EndRow();
            }
        }, [], Ct);

        var data = await warehouse.QueryAsync("SELECT d FROM monitoring.t ORDER BY i", Ct);
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), data["d"].Numbers!.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public async Task BeginAsync_DisposedWithoutCommit_RollsBackAndSeesItsOwnRowsMeanwhile()
    {
        var (warehouse, _, transactions) = await WithTableAsync();

        await using (var transaction = await transactions.BeginAsync(["SET TimeZone = 'UTC'"], Ct))
        {
            Assert.Equal(1, await transaction.ExecuteAsync("INSERT INTO monitoring.t (s, i) VALUES ('x', 1)", Ct));
            Assert.Equal(1.0, (await transaction.QueryNumberAsync("SELECT count(*) FROM monitoring.t", Ct)).Value);
            Assert.Equal(1, (await transaction.QueryAsync("SELECT s FROM monitoring.t", Ct)).RowCount);
        }

        Assert.Equal(0, await CountAsync(warehouse, "monitoring.t"));
    }

    [Fact]
    public async Task BeginAsync_QualityQueryThenMoreWrites_QueryCannotWriteAndTheLoadGoesOn()
    {
        var (warehouse, _, transactions) = await WithTableAsync();

        await using (var transaction = await transactions.BeginAsync([], Ct))
        {
            await transaction.ExecuteAsync("INSERT INTO monitoring.t (s, i) VALUES ('x', 1)", Ct);
            var refused = await transaction.QueryNumberAsync("SELECT count(*) FROM monitoring.t; DELETE FROM monitoring.t", Ct);
            var failed = await transaction.QueryNumberAsync("SELECT count(*) FROM monitoring.no_such_table", Ct);
            await transaction.ExecuteAsync("INSERT INTO monitoring.t (s, i) VALUES ('y', 2)", Ct);
            await transaction.CommitAsync(Ct);
            Assert.NotNull(refused.Error);
            Assert.NotNull(failed.Error);
        }

        Assert.Equal(2, await CountAsync(warehouse, "monitoring.t"));
    }

    [Fact]
    public async Task BeginAsync_Committed_RowsStay()
    {
        var (warehouse, _, transactions) = await WithTableAsync();

        await using (var transaction = await transactions.BeginAsync([], Ct))
        {
            await transaction.ExecuteAsync("INSERT INTO monitoring.t (s, i) VALUES ('x', 1)", Ct);
            Assert.Equal(1L, Convert.ToInt64(await transaction.ScalarAsync("SELECT count(*) FROM monitoring.t", Ct), CultureInfo.InvariantCulture));
            await transaction.CommitAsync(Ct);
        }

        Assert.Equal(1, await CountAsync(warehouse, "monitoring.t"));
    }
}
