using System.Data.Common;
using System.Globalization;
using ChurnOps.Core.Data;
using ChurnOps.Core.Warehouse;

namespace ChurnOps.Storage.Warehouse;

/// <summary>
/// DuckDB's file readers: read_parquet with file_row_number, and read_csv with the sniffer off and reject tables on,
/// so every ragged or unquotable row becomes a reject with its line number instead of a guess.
/// </summary>
public sealed class DuckDbRawFileScan : IRawFileScan
{
    private const string FileRowNumber = "file_row_number";

    // Reject tables are temporary and dropped after each file; a fresh name per file keeps two files in one
    // transaction (or a file after a failed one) from meeting the other's rejects.
    private long _scans;

    public async Task<RawFileColumns> ColumnsAsync(IWarehouseTransaction transaction, RawFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(file);
        if (file.CsvHeader is { } header)
        {
            return new RawFileColumns(header, null);
        }

        try
        {
            var described = await transaction.QueryAsync($"DESCRIBE SELECT * EXCLUDE ({FileRowNumber}) FROM {ParquetSource(file.Path)}", cancellationToken).ConfigureAwait(false);
            var names = new List<string>(described.RowCount);
            for (var i = 0; i < described.RowCount; i++)
            {
                names.Add(described.Columns[0].TextAt(i)!);
            }

            return new RawFileColumns(names, null);
        }
        catch (DbException ex)
        {
            return RawFileColumns.Unreadable($"not a readable Parquet file: {DuckDbMessage.FirstLine(ex.Message)}");
        }
    }

    public async Task<RawFileLoaded> LoadAsync(IWarehouseTransaction transaction, RawFile file, RawFileInsert insert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(insert);
        var scan = Interlocked.Increment(ref _scans);
        var rejects = $"_churnops_rejects_{scan}";
        var rejectScans = $"_churnops_reject_scans_{scan}";
        string source;
        string line;
        if (file.IsParquet)
        {
            source = ParquetSource(file.Path);
            line = FileRowNumber;
        }
        else
        {
            // The scan keeps file order (insertion order is preserved), so the n-th record is on line n + 1.
            line = "row_number() OVER () + 1";
            var columnsStruct = string.Join(", ", file.CsvHeader!.Select(n => $"{SqlIdentifier.Literal(n)}: 'VARCHAR'"));
            source = $"read_csv({SqlIdentifier.Literal(file.Path)}, auto_detect = false, header = true, delim = {SqlIdentifier.Literal(file.CsvDelimiter ?? ",")}, quote = '\"', escape = '\"', " +
                $"columns = {{{columnsStruct}}}, store_rejects = true, rejects_table = {SqlIdentifier.Literal(rejects)}, rejects_scan = {SqlIdentifier.Literal(rejectScans)})";
        }

        var columns = string.Join(", ", insert.Values.Select(v => v.Column));
        var values = string.Join(", ", insert.Values.Select(v => v.FileColumn is { } name ? $"CAST({SqlIdentifier.Quote(name)} AS VARCHAR)" : v.Constant ?? "NULL"));
        var sql = $"""
            INSERT INTO {insert.Table} ({columns}, {insert.LineColumn})
            SELECT {values}, {line} FROM {source}
            """;
        long inserted;
        try
        {
            inserted = await transaction.ExecuteAsync(sql, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            return RawFileLoaded.Failed($"{(file.IsParquet ? "not a readable Parquet file" : "unreadable CSV")}: {DuckDbMessage.FirstLine(ex.Message)}");
        }

        if (!file.IsParquet)
        {
            var reject = await FirstRejectAsync(transaction, rejects, cancellationToken).ConfigureAwait(false);
            await transaction.ExecuteAsync($"DROP TABLE IF EXISTS {SqlIdentifier.Quote(rejects)}; DROP TABLE IF EXISTS {SqlIdentifier.Quote(rejectScans)}", cancellationToken).ConfigureAwait(false);
            if (reject is not null)
            {
                return RawFileLoaded.Failed(reject);
            }
        }

        return new RawFileLoaded(inserted, null);
    }

    private static string ParquetSource(string path) => $"read_parquet({SqlIdentifier.Literal(path)}, {FileRowNumber} = true)";

    private static async Task<string?> FirstRejectAsync(IWarehouseTransaction transaction, string rejects, CancellationToken ct)
    {
        var exists = Convert.ToInt64(await transaction.ScalarAsync($"SELECT count(*) FROM duckdb_tables() WHERE table_name = {SqlIdentifier.Literal(rejects)}", ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
        if (exists == 0)
        {
            return null;
        }

        var first = await transaction.QueryAsync($"SELECT line, column_name, error_type, error_message, (SELECT count(DISTINCT line) FROM {SqlIdentifier.Quote(rejects)}) FROM {SqlIdentifier.Quote(rejects)} ORDER BY line LIMIT 1", ct).ConfigureAwait(false);
        if (first.RowCount == 0)
        {
            return null;
        }

        var line = first.Columns[0].WholeAt(0);
        var column = first.Columns[1].TextAt(0);
        var kind = (first.Columns[2].TextAt(0) ?? string.Empty).ToLowerInvariant();
        var message = first.Columns[3].TextAt(0) is { } text ? DuckDbMessage.FirstLine(text) : string.Empty;
        var total = first.Columns[4].WholeAt(0) ?? 0;
        var more = total > 1 ? $" (and {total - 1} more malformed lines)" : string.Empty;
        return $"line {line}{(column is null ? string.Empty : ", column '" + column + "'")}: malformed row: {kind}: {message}{more}";
    }
}
