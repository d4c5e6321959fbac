using ChurnOps.Storage.Files;

namespace ChurnOps.Storage.Tests.Warehouse;

/// <summary>DuckDB's Parquet files role (the appender and transactions are in <see cref="WarehouseBulkRolesContractTests"/>).</summary>
public sealed class DuckDbBulkRolesTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

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
}
