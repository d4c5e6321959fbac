using System.Data.Common;
using ChurnOps.Core.Data;
using ChurnOps.Core.Warehouse;
using DuckDB.NET.Data;

namespace ChurnOps.Storage.Files;

/// <summary>Parquet ↔ CSV through an in-memory DuckDB, never the project's warehouse file.</summary>
public sealed class DuckDbParquetConverter : IParquetConverter
{
    public Task<string?> ToCsvAsync(string parquetPath, string csvPath, CancellationToken cancellationToken) =>
        CopyAsync($"SELECT * FROM read_parquet({SqlIdentifier.Literal(parquetPath)})", csvPath, "FORMAT csv, HEADER", cancellationToken);

    public Task<string?> FromCsvAsync(string csvPath, string parquetPath, IReadOnlyDictionary<string, string> columnTypes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(columnTypes);
        var types = string.Join(", ", columnTypes.Select(c => $"{SqlIdentifier.Literal(c.Key)}: {SqlIdentifier.Literal(c.Value)}"));
        return CopyAsync($"SELECT * FROM read_csv({SqlIdentifier.Literal(csvPath)}, header = true, all_varchar = false, types = {{{types}}})", parquetPath, "FORMAT parquet", cancellationToken);
    }

    private static async Task<string?> CopyAsync(string query, string target, string options, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new DuckDBConnection("Data Source=:memory:");
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = $"COPY ({query}) TO {SqlIdentifier.Literal(target)} ({options})";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (DbException ex)
        {
            return ex.Message.ReplaceLineEndings(" ");
        }
    }
}
