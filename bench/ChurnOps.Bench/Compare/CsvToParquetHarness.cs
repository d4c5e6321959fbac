using ChurnOps.Core.Warehouse;
using DuckDB.NET.Data;

namespace ChurnOps.Bench.Compare;

/// <summary>
/// Input preparation for bench/compare: BENCH_IN (CSV) to BENCH_OUT (Parquet, DuckDB's types and row groups) through an
/// in-memory DuckDB, so the Parquet figures need no Python Parquet library.
/// </summary>
internal sealed class CsvToParquetHarness : IBenchHarness
{
    public string Name => "csv-to-parquet";

    public string Description => "writes BENCH_IN (CSV) as BENCH_OUT (Parquet) for bench/compare";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var input = Environment.GetEnvironmentVariable("BENCH_IN") ?? throw new InvalidOperationException("set BENCH_IN");
        var output = Environment.GetEnvironmentVariable("BENCH_OUT") ?? throw new InvalidOperationException("set BENCH_OUT");
        await using var connection = new DuckDBConnection("Data Source=:memory:");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"COPY (SELECT * FROM read_csv({SqlIdentifier.Literal(input)})) TO {SqlIdentifier.Literal(output)} (FORMAT parquet)";
        await command.ExecuteNonQueryAsync(cancellationToken);
        Console.WriteLine($"{output}: {new FileInfo(output).Length / 1e6:F1} MB");
    }
}
