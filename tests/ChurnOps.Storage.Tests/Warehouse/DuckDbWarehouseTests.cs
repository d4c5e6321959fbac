using ChurnOps.Core.Data;
using ChurnOps.Storage.Warehouse;

namespace ChurnOps.Storage.Tests.Warehouse;

/// <summary>DuckDB-specific behaviour; what every warehouse must do is in <see cref="WarehouseContractTests"/>.</summary>
public sealed class DuckDbWarehouseTests
{
    [Fact]
    public async Task OpenAsync_CreatesStandardSchemas()
    {
        using var temp = new TempDirectory();
        var warehouse = await DuckDbWarehouse.OpenAsync(temp.Sub("w.duckdb"), CancellationToken.None);

        var schemas = await warehouse.QueryAsync("SELECT schema_name FROM information_schema.schemata ORDER BY 1", CancellationToken.None);

        foreach (var schema in DuckDbWarehouse.StandardSchemas)
        {
            Assert.Contains(schema, schemas["schema_name"].Texts!);
        }
    }

    [Fact]
    public async Task QueryAsync_MapsSqlTypesToColumnKinds_WithNullsAsMissing()
    {
        using var temp = new TempDirectory();
        var warehouse = await DuckDbWarehouse.OpenAsync(temp.Sub("w.duckdb"), CancellationToken.None);

        var data = await warehouse.QueryAsync(
            "SELECT * FROM (VALUES (1, 2.5::DOUBLE, 'a', TRUE, TIMESTAMP '1970-01-02 00:00:00'), (NULL, NULL, NULL, FALSE, NULL)) t(i, d, s, b, ts)",
            CancellationToken.None);

        Assert.Equal(2, data.RowCount);
        Assert.Equal(ColumnKind.Numeric, data["i"].Kind);
        Assert.Equal(ColumnKind.Text, data["s"].Kind);
        Assert.Equal(ColumnKind.Boolean, data["b"].Kind);
        Assert.Equal(ColumnKind.Timestamp, data["ts"].Kind);
        Assert.Equal(86400, data["ts"].Numbers![0]);
        Assert.True(double.IsNaN(data["d"].Numbers![1]));
        Assert.Null(data["s"].Texts![1]);
        Assert.Equal(0, data["b"].Numbers![1]);
    }

    [Fact]
    public async Task QueryAsync_HugeIntSum_ReadsAsNumber()
    {
        using var temp = new TempDirectory();
        var warehouse = await DuckDbWarehouse.OpenAsync(temp.Sub("w.duckdb"), CancellationToken.None);

        var data = await warehouse.QueryAsync("SELECT SUM(x) AS total FROM (VALUES (9007199254740000::BIGINT), (2::BIGINT)) t(x)", CancellationToken.None);

        Assert.Equal(ColumnKind.Numeric, data["total"].Kind);
        Assert.Equal(9007199254740002d, data["total"].Numbers![0]);
    }
}
