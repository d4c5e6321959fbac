using System.Data.Common;
using ChurnOps.Core.Warehouse;
using ChurnOps.Storage.Files;
using ChurnOps.Storage.Warehouse;

namespace ChurnOps.Storage.Tests.Warehouse;

/// <summary>The engine-specific roles Platform uses through Core interfaces: appender, multi-statement transactions, Parquet files.</summary>
public sealed class DuckDbBulkRolesTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task AppendAsync_RowsAndStatement_CommitTogether()
    {
        var warehouse = await OpenWithTableAsync();
        IWarehouseAppender appender = new DuckDbWarehouseAppender(warehouse);

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
        }, ["INSERT INTO monitoring.marks VALUES ('s', 7)"], Ct);

        var data = await warehouse.QueryAsync("SELECT s, i, d, b, ts FROM monitoring.t ORDER BY i NULLS LAST", Ct);
        Assert.Equal(2, data.RowCount);
        Assert.Equal("a", data["s"].Texts![0]);
        Assert.Null(data["s"].Texts![1]);
        Assert.Equal(0.25, data["d"].Numbers![0]);
        Assert.True(double.IsNaN(data["d"].Numbers![1]));
        Assert.Equal(7L, Convert.ToInt64(await warehouse.ScalarAsync("SELECT last_sequence FROM monitoring.marks", Ct), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AppendAsync_StatementFails_NoRowIsKept()
    {
        var warehouse = await OpenWithTableAsync();
        IWarehouseAppender appender = new DuckDbWarehouseAppender(warehouse);

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

        Assert.Equal(0L, Convert.ToInt64(await warehouse.ScalarAsync("SELECT count(*) FROM monitoring.t", Ct), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task BeginAsync_DisposedWithoutCommit_RollsBackAndSeesItsOwnRowsMeanwhile()
    {
        var warehouse = await OpenWithTableAsync();
        IWarehouseTransactions transactions = new DuckDbWarehouseTransactions(warehouse);

        await using (var transaction = await transactions.BeginAsync(["SET TimeZone = 'UTC'"], Ct))
        {
            Assert.Equal(1, await transaction.ExecuteAsync("INSERT INTO monitoring.t (s, i) VALUES ('x', 1)", Ct));
            Assert.Equal(1.0, (await transaction.QueryNumberAsync("SELECT count(*) FROM monitoring.t", Ct)).Value);
            Assert.Equal(1, (await transaction.QueryAsync("SELECT s FROM monitoring.t", Ct)).RowCount);
        }

        Assert.Equal(0L, Convert.ToInt64(await warehouse.ScalarAsync("SELECT count(*) FROM monitoring.t", Ct), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task BeginAsync_Committed_RowsStay()
    {
        var warehouse = await OpenWithTableAsync();

        await using (var transaction = await new DuckDbWarehouseTransactions(warehouse).BeginAsync([], Ct))
        {
            await transaction.ExecuteAsync("INSERT INTO monitoring.t (s, i) VALUES ('x', 1)", Ct);
            Assert.Equal(1L, Convert.ToInt64(await transaction.ScalarAsync("SELECT count(*) FROM monitoring.t", Ct), System.Globalization.CultureInfo.InvariantCulture));
            await transaction.CommitAsync(Ct);
        }

        Assert.Equal(1L, Convert.ToInt64(await warehouse.ScalarAsync("SELECT count(*) FROM monitoring.t", Ct), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ParquetConverter_CsvToParquetAndBack_KeepsRowsAndTypes()
    {
        var csv = _temp.Sub("in.csv");
        await File.WriteAllTextAsync(csv, "id,probability,label\nc1,0.75,1\nc2,0.125,0\n");
        var converter = new DuckDbParquetConverter();

        Assert.Null(await converter.FromCsvAsync(csv, _temp.Sub("out.parquet"), new Dictionary<string, string> { ["probability"] = "FLOAT", ["label"] = "INTEGER" }, Ct));
        Assert.Null(await converter.ToCsvAsync(_temp.Sub("out.parquet"), _temp.Sub("back.csv"), Ct));

        Assert.Equal(["id,probability,label", "c1,0.75,1", "c2,0.125,0"], (await File.ReadAllLinesAsync(_temp.Sub("back.csv"))).ToArray());
    }

    [Fact]
    public async Task ParquetConverter_NotParquet_ReturnsTheErrorAsAValue()
    {
        await File.WriteAllTextAsync(_temp.Sub("fake.parquet"), "not parquet");

        var error = await new DuckDbParquetConverter().ToCsvAsync(_temp.Sub("fake.parquet"), _temp.Sub("x.csv"), Ct);

        Assert.NotNull(error);
        Assert.DoesNotContain('\n', error);
    }

    private async Task<DuckDbWarehouse> OpenWithTableAsync()
    {
        var warehouse = await DuckDbWarehouse.OpenAsync(_temp.Sub("w.duckdb"), Ct);
        await warehouse.ExecuteInTransactionAsync(
            ["CREATE TABLE monitoring.t (s VARCHAR, i INTEGER, d DOUBLE, b BOOLEAN, ts TIMESTAMP)", "CREATE TABLE monitoring.marks (segment VARCHAR PRIMARY KEY, last_sequence BIGINT)"],
            Ct);
        return warehouse;
    }
}
