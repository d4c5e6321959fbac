using ChurnOps.Core.Monitoring.Drift;
using ChurnOps.Storage.Files;

namespace ChurnOps.Storage.Tests.Files;

public sealed class DuckDbDriftFileReaderTests
{
    private static async Task<(string Csv, string Parquet)> WriteAsync(string dir)
    {
        var csv = Path.Combine(dir, "data.csv");
        await File.WriteAllTextAsync(csv, "score,calls,flag,plan,signup\n0.25,3,true,basic,2026-01-02\n,1,false,,2026-01-03\n1e-3,,true,premium,\n");
        var parquet = Path.Combine(dir, "data.parquet");
        var types = new Dictionary<string, string> { ["score"] = "DOUBLE", ["calls"] = "INTEGER", ["flag"] = "BOOLEAN", ["plan"] = "VARCHAR", ["signup"] = "DATE" };
        Assert.Null(await new DuckDbParquetConverter().FromCsvAsync(csv, parquet, types, CancellationToken.None));
        return (csv, parquet);
    }

    [Fact]
    public async Task ReadAsync_ParquetColumnChunksAndCsv_SameNumbersNullsAndCounts()
    {
        using var temp = new TempDirectory();
        var (csv, parquet) = await WriteAsync(temp.Path);
        var reader = new DuckDbDriftFileReader();

        var fromCsv = await reader.ReadAsync(csv, null, CancellationToken.None);
        var fromParquet = await reader.ReadAsync(parquet, null, CancellationToken.None);

        Assert.Null(fromCsv.Error);
        Assert.Null(fromParquet.Error);
        foreach (var read in new[] { fromCsv, fromParquet })
        {
            Assert.Equal(3, read.Rows);
            Assert.Equal([0.25, double.NaN, 0.001], read.Columns[0].Numbers!);
            Assert.Equal([3, 1, double.NaN], read.Columns[1].Numbers!);
            Assert.Equal([1, 0, 1], read.Columns[2].Numbers!);
            Assert.Equal(new Dictionary<string, long> { ["basic"] = 1, ["premium"] = 1 }, read.Columns[3].CategoryCounts);
            Assert.Equal(1, read.Columns[3].NullCount);
            Assert.Equal([1767312000, 1767398400, double.NaN], read.Columns[4].Numbers!);
        }
    }

    [Fact]
    public async Task ParquetNumberColumns_DuckDbWrittenFile_ReadsEveryNumericTypeDirectly()
    {
        using var temp = new TempDirectory();
        var (_, parquet) = await WriteAsync(temp.Path);

        var columns = await ParquetNumberColumns.ReadAsync(parquet, ["score", "calls", "flag", "plan"], 3, CancellationToken.None);

        Assert.Equal([0.25, double.NaN, 0.001], columns[0]!);
        Assert.Equal([3, 1, double.NaN], columns[1]!);
        Assert.Equal([1, 0, 1], columns[2]!);
        Assert.Null(columns[3]);
    }

    [Fact]
    public async Task ReadAsync_NotAParquetFile_OneLineError()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "broken.parquet");
        await File.WriteAllTextAsync(path, "not parquet at all");

        var read = await new DuckDbDriftFileReader().ReadAsync(path, null, CancellationToken.None);

        Assert.StartsWith($"{path}: not a readable Parquet file: ", read.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', read.Error!);
    }
}
