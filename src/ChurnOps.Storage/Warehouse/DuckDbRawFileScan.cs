using System.Data.Common;
using System.Globalization;
using ChurnOps.Core.Data;
using ChurnOps.Core.Warehouse;

namespace ChurnOps.Storage.Warehouse;

/// <summary>
/// DuckDB's file readers: read_parquet with file_row_number, and read_csv with the sniffer off and reject tables on,
/// so every ragged or unquotable row becomes a reject with its line number instead of a guess. A CSV row's line is
/// its physical line, right also when a quoted value spans lines.
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

    public bool ReadsKeptFiles => true;

    public async Task<RawFileLoaded> LoadAsync(IWarehouseTransaction transaction, RawFile file, RawFileInsert insert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(insert);
        var columns = string.Join(", ", insert.Values.Select(v => v.Column));
        if (file.IsParquet)
        {
            var values = string.Join(", ", insert.Values.Select(v => v.FileColumn is { } name ? $"CAST({SqlIdentifier.Quote(name)} AS VARCHAR)" : v.Constant ?? "NULL"));
            try
            {
                return new RawFileLoaded(await transaction.ExecuteAsync($"""
                    INSERT INTO {insert.Table} ({columns}, {insert.LineColumn})
                    SELECT {values}, {FileRowNumber} FROM {ParquetSource(file.Path)}
                    """, cancellationToken).ConfigureAwait(false), null);
            }
            catch (DbException ex)
            {
                return RawFileLoaded.Failed($"not a readable Parquet file: {DuckDbMessage.FirstLine(ex.Message)}");
            }
        }

        var parse = await ParseCsvAsync(transaction, file, cancellationToken).ConfigureAwait(false);
        if (parse.Error is not null)
        {
            return RawFileLoaded.Failed(parse.Error);
        }

        var inserted = await transaction.ExecuteAsync($"""
            INSERT INTO {insert.Table} ({columns}, {insert.LineColumn})
            SELECT {CsvValues(file, insert, aliased: false)}, {parse.Line} FROM {parse.Table}
            """, cancellationToken).ConfigureAwait(false);
        await DropAsync(transaction, [parse.Table], cancellationToken).ConfigureAwait(false);
        return new RawFileLoaded(inserted, null);
    }

    /// <summary>
    /// The file is parsed once (in parallel) into a temporary table of text and nothing is copied into the raw table:
    /// the rows are the relation over it, their line computed from the temporary table's rowid.
    /// </summary>
    public async Task<RawFileLoaded> ReadAsync(IWarehouseTransaction transaction, RawFile file, RawFileInsert insert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(insert);
        if (file.IsParquet)
        {
            var fileColumns = insert.Values.Where(v => v.FileColumn is not null).Select(v => v.FileColumn!).Distinct(StringComparer.Ordinal).ToList();
            var kept = SqlIdentifier.Quote($"_churnops_parquet_{Interlocked.Increment(ref _scans)}");
            try
            {
                await transaction.ExecuteAsync(
                    $"CREATE TEMP TABLE {kept} AS SELECT {string.Join(", ", fileColumns.Select((n, i) => $"CAST({SqlIdentifier.Quote(n)} AS VARCHAR) AS p{i}").Append(FileRowNumber))} FROM {ParquetSource(file.Path)}",
                    cancellationToken).ConfigureAwait(false);
            }
            catch (DbException ex)
            {
                return RawFileLoaded.Failed($"not a readable Parquet file: {DuckDbMessage.FirstLine(ex.Message)}");
            }

            var parquetValues = insert.Values.Select(v => (v.FileColumn is { } name ? "p" + fileColumns.IndexOf(name).ToString(CultureInfo.InvariantCulture) : v.Constant ?? "NULL") + " AS " + v.Column);
            var rows = await CountAsync(transaction, kept, cancellationToken).ConfigureAwait(false);
            return new RawFileLoaded(rows, null)
            {
                Relation = $"(SELECT {string.Join(", ", parquetValues)}, {FileRowNumber} AS {insert.LineColumn}, {FileRowNumber} AS {RawFileLoaded.RowKey} FROM {kept})",
                Scratch = [kept],
            };
        }

        var parse = await ParseCsvAsync(transaction, file, cancellationToken).ConfigureAwait(false);
        if (parse.Error is not null)
        {
            return RawFileLoaded.Failed(parse.Error);
        }

        return new RawFileLoaded(await CountAsync(transaction, parse.Table, cancellationToken).ConfigureAwait(false), null)
        {
            Relation = $"(SELECT {CsvValues(file, insert, aliased: true)}, {parse.Line} AS {insert.LineColumn}, rowid AS {RawFileLoaded.RowKey} FROM {parse.Table})",
            QuotedLineBreaks = parse.QuotedLineBreaks,
            Scratch = [parse.Table],
        };
    }

    /// <summary>
    /// The kept file read again, one thread (so the rows arrive in file order and row_number() counts them as the
    /// temporary table's rowid did): the same text and the same lines as <see cref="ReadAsync"/>.
    /// </summary>
    public string KeptFileSelect(RawFile file, RawFileInsert insert, bool quotedLineBreaks)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(insert);
        if (file.IsParquet)
        {
            var values = string.Join(", ", insert.Values.Select(v => (v.FileColumn is { } name ? $"CAST({SqlIdentifier.Quote(name)} AS VARCHAR)" : v.Constant ?? "NULL") + " AS " + v.Column));
            return $"SELECT {values}, {FileRowNumber} AS {insert.LineColumn} FROM {ParquetSource(file.Path)}";
        }

        var header = file.CsvHeader!;
        var positional = Positional(header);
        var line = quotedLineBreaks
            ? $"__n + 1 + coalesce(sum({BreaksPerRow(positional)}) OVER (ORDER BY __n ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)"
            : "__n + 1";
        var parsed = string.Join(", ", header.Select((n, i) => $"{SqlIdentifier.Quote(n)} AS {positional[i]}"));
        return $"SELECT {CsvValues(file, insert, aliased: true)}, {line} AS {insert.LineColumn} " +
            $"FROM (SELECT *, row_number() OVER () AS __n FROM (SELECT {parsed} FROM {CsvSource(file, null, parallel: false)}) __file) __numbered";
    }

    /// <summary>Parses a CSV file into a temporary table of text (columns c0, c1…); the first malformed line is an error.</summary>
    private async Task<CsvParse> ParseCsvAsync(IWarehouseTransaction transaction, RawFile file, CancellationToken cancellationToken)
    {
        // The parsed columns are named by position (c0, c1…): a file column called "rowid" must not hide the rowid.
        var header = file.CsvHeader!;
        var positional = Positional(header);
        var scan = Interlocked.Increment(ref _scans);
        var rejects = $"_churnops_rejects_{scan}";
        var rejectScans = $"_churnops_reject_scans_{scan}";
        var parsed = SqlIdentifier.Quote($"_churnops_csv_{scan}");
        try
        {
            // The file is parsed once, in parallel, into a temporary table: its rowid is then the record's index in the
            // file (insertion order is preserved), which numbers the lines without row_number() — a window that would
            // make the parse single-threaded.
            await transaction.ExecuteAsync($"CREATE TEMP TABLE {parsed} AS SELECT {string.Join(", ", header.Select((n, i) => $"{SqlIdentifier.Quote(n)} AS {positional[i]}"))} FROM {CsvSource(file, (rejects, rejectScans), parallel: true)}", cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            // The transaction is aborted now; the caller rolls it back, and the temporary tables with it.
            return CsvParse.Failed(CsvLineEndings.AreMixed(file.Path)
                ? "unreadable CSV: it mixes CRLF and LF line endings; convert it to one kind (e.g. dos2unix) and ingest it again"
                : $"unreadable CSV: {DuckDbMessage.FirstLine(ex.Message)}");
        }

        // A statement that fails aborts the transaction (the caller rolls back, temporary tables included), so the
        // tables are dropped on the paths that keep it usable.
        var reject = await FirstRejectAsync(transaction, rejects, cancellationToken).ConfigureAwait(false);
        await DropAsync(transaction, reject is null ? [SqlIdentifier.Quote(rejects), SqlIdentifier.Quote(rejectScans)] : [parsed, SqlIdentifier.Quote(rejects), SqlIdentifier.Quote(rejectScans)], cancellationToken).ConfigureAwait(false);
        if (reject is not null)
        {
            return CsvParse.Failed(reject);
        }

        var (line, breaks) = await LineExpressionAsync(transaction, parsed, file.Path, positional, cancellationToken).ConfigureAwait(false);
        return new CsvParse(parsed, line, breaks, null);
    }

    private static string CsvSource(RawFile file, (string Rejects, string Scans)? rejects, bool parallel)
    {
        var columnsStruct = string.Join(", ", file.CsvHeader!.Select(n => $"{SqlIdentifier.Literal(n)}: 'VARCHAR'"));
        var rejectOptions = rejects is { } r ? $", store_rejects = true, rejects_table = {SqlIdentifier.Literal(r.Rejects)}, rejects_scan = {SqlIdentifier.Literal(r.Scans)}" : string.Empty;
        return $"read_csv({SqlIdentifier.Literal(file.Path)}, auto_detect = false, header = true, delim = {SqlIdentifier.Literal(file.CsvDelimiter ?? ",")}, quote = '\"', escape = '\"', " +
            $"columns = {{{columnsStruct}}}{rejectOptions}{(parallel ? string.Empty : ", parallel = false")})";
    }

    private static string CsvValues(RawFile file, RawFileInsert insert, bool aliased)
    {
        var header = file.CsvHeader!;
        return string.Join(", ", insert.Values.Select(v =>
            (v.FileColumn is { } name ? "c" + IndexOf(header, name).ToString(CultureInfo.InvariantCulture) : v.Constant ?? "NULL") + (aliased ? " AS " + v.Column : string.Empty)));
    }

    private static List<string> Positional(IReadOnlyList<string> header) =>
        header.Select((_, i) => "c" + i.ToString(CultureInfo.InvariantCulture)).ToList();

    private static string BreaksPerRow(IReadOnlyList<string> columns) =>
        string.Join(" + ", columns.Select(c => $"coalesce(length({c}) - length(replace({c}, chr(10), '')), 0)"));

    private static async Task<long> CountAsync(IWarehouseTransaction transaction, string table, CancellationToken ct) =>
        Convert.ToInt64(await transaction.ScalarAsync($"SELECT count(*) FROM {table}", ct).ConfigureAwait(false), CultureInfo.InvariantCulture);

    private sealed record CsvParse(string Table, string Line, bool QuotedLineBreaks, string? Error)
    {
        public static CsvParse Failed(string error) => new(string.Empty, string.Empty, false, error);
    }

    /// <summary>
    /// The physical line of each parsed record (the header is line 1): record index + 2, plus the line breaks inside
    /// quoted values of the records before it. Those are rare, so the running sum (a window) is paid only when the file
    /// has one. A blank line, which the reader skips, is not counted.
    /// </summary>
    private static async Task<(string Line, bool QuotedLineBreaks)> LineExpressionAsync(IWarehouseTransaction transaction, string parsed, string path, IReadOnlyList<string> columns, CancellationToken ct)
    {
        // A literal, not a subquery: joining the subquery's row would cost the order-preserving bulk insert.
        var first = Convert.ToInt64(await transaction.ScalarAsync($"SELECT coalesce(min(rowid), 0) FROM {parsed}", ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
        var index = $"rowid - {first.ToString(CultureInfo.InvariantCulture)} + 2";
        if (!await CsvLineBreaks.InQuotedValueAsync(path, '"', ct).ConfigureAwait(false))
        {
            return (index, false);
        }

        return ($"{index} + coalesce(sum({BreaksPerRow(columns)}) OVER (ORDER BY rowid ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)", true);
    }

    private static int IndexOf(IReadOnlyList<string> header, string name)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i] == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"column '{name}' is not in the file's header", nameof(name));
    }

    private static async Task DropAsync(IWarehouseTransaction transaction, IReadOnlyList<string> tables, CancellationToken ct)
    {
        await transaction.ExecuteAsync(string.Join("; ", tables.Select(t => $"DROP TABLE IF EXISTS {t}")), ct).ConfigureAwait(false);
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
