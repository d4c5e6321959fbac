using System.Globalization;
using System.Text.Json;
using ChurnOps.Core.Contracts;
using ChurnOps.Core.Data;
using ChurnOps.Core.Quality;
using ChurnOps.Core.Warehouse;

namespace ChurnOps.Platform.Ingestion;

/// <summary>
/// One load inside one warehouse transaction: files → raw (as text) → row rules → quarantine / staging upsert →
/// table-level rules. Any failure rolls everything back, so a crash or a bad file leaves no partial data. Reading the
/// files is the engine's (<see cref="IRawFileScan"/>); the rest is SQL over the tables, in <see cref="IWarehouseTransaction"/>.
/// With a <paramref name="store"/> and an engine that reads kept files, the rows are not copied into a raw table: the
/// rules run over the kept file as the engine read it for this load, and raw.&lt;table&gt; is a view over the kept files.
/// </summary>
internal sealed class WarehouseLoad(IWarehouseTransaction transaction, IRawFileScan scan, IWarehouseDialect dialect, string table, ContractSchema schema, ContractProperty? versionColumn = null, RawFileStore? store = null)
{
    private const string Checked = "_churnops_checked";

    /// <summary>Keeps the row keys of the files of one load apart (a file's own keys are below 2^40).</summary>
    private const long FileKeyStride = 1L << 40;

    private readonly List<RawFileLoaded> _read = [];

    /// <summary>How many quarantined rows the result names by file and line (the rest are in quarantine.&lt;table&gt;).</summary>
    private const int SampleSize = 5;

    private readonly List<string> _warnings = [];

    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Whether this load reads kept files and leaves raw.&lt;table&gt; a view (known after <see cref="PrepareTablesAsync"/>).</summary>
    public bool KeepsFiles { get; private set; }

    public async Task<string?> PrepareTablesAsync(CancellationToken ct)
    {
        if (store is not null && scan.ReadsKeptFiles)
        {
            // A raw table written by an earlier version keeps getting rows: its history is in it, not in kept files.
            var kind = await transaction.ScalarAsync(
                $"SELECT max(table_type) FROM information_schema.tables WHERE table_schema = 'raw' AND table_name = {SqlIdentifier.Literal(table)}", ct).ConfigureAwait(false);
            KeepsFiles = kind is not string type || type != "BASE TABLE";
        }

        if (KeepsFiles)
        {
            await ExecAsync(IngestionTables.KeptFilesDdl, ct).ConfigureAwait(false);
        }

        var existing = new Dictionary<string, IReadOnlyList<WarehouseColumn>>(StringComparer.Ordinal);
        foreach (var schemaName in new[] { "raw", "quarantine", "staging" })
        {
            existing[schemaName] = await DescribeAsync(
                $"SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = {SqlIdentifier.Literal(schemaName)} AND table_name = {SqlIdentifier.Literal(table)} ORDER BY ordinal_position", ct).ConfigureAwait(false);
        }

        var (statements, error) = IngestionTables.Plan(table, schema, s => existing[s], dialect, rawIsView: KeepsFiles);
        if (error is not null)
        {
            return error;
        }

        foreach (var sql in statements)
        {
            await ExecAsync(sql, ct).ConfigureAwait(false);
        }

        return null;
    }

    public async Task<bool> AlreadyLoadedAsync(string loadId, CancellationToken ct) =>
        await CountAsync(KeepsFiles
            ? $"SELECT count(*) FROM {IngestionTables.KeptFiles} WHERE table_name = {SqlIdentifier.Literal(table)} AND load_id = {SqlIdentifier.Literal(loadId)}"
            : $"SELECT count(*) FROM {SqlIdentifier.Qualified("raw", table)} WHERE {IngestionTables.LoadId} = {SqlIdentifier.Literal(loadId)}", ct).ConfigureAwait(false) > 0;

    /// <summary>
    /// Reads one file for this load (appended to raw.&lt;table&gt; as text, or read from its kept copy); an error naming
    /// the file, line and column when it is malformed. <paramref name="kept"/> is the file's kept copy when <see cref="KeepsFiles"/>.
    /// </summary>
    public async Task<string?> LoadFileAsync(string file, string loadId, DateTimeOffset loadedAt, CancellationToken ct, KeptRawFile? kept = null)
    {
        if (KeepsFiles && kept is null)
        {
            throw new ArgumentException("a load that keeps files needs each file's kept copy", nameof(kept));
        }

        // The engine reads the kept copy (the bytes the raw view will show), and the rows name the user's file.
        var path = KeepsFiles ? store!.PathOf(kept!.Name) : file;
        RawFile source;
        if (IngestionFiles.IsParquet(file))
        {
            source = RawFile.Parquet(path);
        }
        else
        {
            // The header and delimiter are read here and the sniffer is off: DuckDB's sniffer guesses wrong on files with
            // ragged rows, and with the column count fixed every ragged row becomes a reject with its line number.
            var (names, delimiter, headerError) = await IngestionFiles.ReadCsvHeaderAsync(path, ct).ConfigureAwait(false);
            if (headerError is not null)
            {
                return $"{file}: {headerError}";
            }

            source = RawFile.Csv(path, names, delimiter);
        }

        var columns = await scan.ColumnsAsync(transaction, source, ct).ConfigureAwait(false);
        if (columns.Error is not null)
        {
            return $"{file}: {columns.Error}";
        }

        var header = columns.Names;
        var values = new List<RawFileValue>();
        var mapping = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in schema.Properties)
        {
            var column = header.FirstOrDefault(c => c == property.Name) ?? header.FirstOrDefault(c => string.Equals(c, property.Name, StringComparison.OrdinalIgnoreCase));
            if (column is null)
            {
                if (property.Required || property.PrimaryKey)
                {
                    return $"{file}: missing required column '{property.Name}' (the file has: {string.Join(", ", header.Select(IngestionFiles.Echo))})";
                }

                _warnings.Add($"{Path.GetFileName(file)}: optional column '{property.Name}' is missing; loaded as null");
                values.Add(RawFileValue.Fixed(SqlIdentifier.Quote(property.Name), "NULL"));
                mapping[property.Name] = null;
                continue;
            }

            values.Add(RawFileValue.FromFile(SqlIdentifier.Quote(property.Name), column));
            mapping[property.Name] = column;
        }

        var extra = header.Where(h => schema.FindProperty(h) is null).ToList();
        if (extra.Count > 0)
        {
            _warnings.Add($"{Path.GetFileName(file)}: columns not in the contract are ignored: {string.Join(", ", extra.Select(IngestionFiles.Echo))}");
        }

        values.Add(RawFileValue.Fixed(IngestionTables.LoadId, SqlIdentifier.Literal(loadId)));
        values.Add(RawFileValue.Fixed(IngestionTables.LoadedAt, Timestamp(loadedAt)));
        values.Add(RawFileValue.Fixed(IngestionTables.SourceFile, SqlIdentifier.Literal(file)));
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var insert = new RawFileInsert(SqlIdentifier.Qualified("raw", table), values, IngestionTables.SourceLine);
        var loaded = KeepsFiles
            ? await scan.ReadAsync(transaction, source, insert, ct).ConfigureAwait(false)
            : await scan.LoadAsync(transaction, source, insert, ct).ConfigureAwait(false);
        Trace?.Invoke(KeepsFiles ? $"read {file} (kept as {kept!.Name})" : $"load {file} into raw.{table}", System.Diagnostics.Stopwatch.GetElapsedTime(started));
        if (loaded.Error is not null)
        {
            return $"{file}: {loaded.Error}";
        }

        if (loaded.Rows == 0)
        {
            return $"{file}: no data rows (only a header)";
        }

        if (KeepsFiles)
        {
            _read.Add(loaded);
            var mappingJson = JsonSerializer.Serialize(mapping);
            var headerJson = source.CsvHeader is { } names ? SqlIdentifier.Literal(JsonSerializer.Serialize(names)) : "NULL";
            await ExecAsync($"""
                INSERT INTO {IngestionTables.KeptFiles} VALUES ({SqlIdentifier.Literal(table)}, {SqlIdentifier.Literal(loadId)}, {Timestamp(loadedAt)}, {(_read.Count - 1).ToString(CultureInfo.InvariantCulture)},
                    {SqlIdentifier.Literal(file)}, {SqlIdentifier.Literal(kept!.Name)}, {SqlIdentifier.Literal(kept.Sha256)}, {kept.Size.ToString(CultureInfo.InvariantCulture)},
                    {SqlIdentifier.Literal(source.IsParquet ? "parquet" : "csv")}, {(source.CsvDelimiter is { } d ? SqlIdentifier.Literal(d) : "NULL")}, {headerJson}, {SqlIdentifier.Literal(mappingJson)},
                    {(loaded.QuotedLineBreaks ? "true" : "false")}, {loaded.Rows.ToString(CultureInfo.InvariantCulture)})
                """, ct).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>
    /// raw.&lt;table&gt; as a view over every kept file of the table, in load order, with the contract's columns as they
    /// are now (a column a file did not have is null), each row with its load columns and line.
    /// </summary>
    public async Task RefreshRawViewAsync(CancellationToken ct)
    {
        var files = await transaction.QueryAsync($"""
            SELECT load_id, strftime(loaded_at, '%Y-%m-%d %H:%M:%S.%f'), source_file, kept_file, format, delimiter, header, columns, CAST(quoted_line_breaks AS INTEGER)
            FROM {IngestionTables.KeptFiles} WHERE table_name = {SqlIdentifier.Literal(table)} ORDER BY loaded_at, load_id, file_index
            """, ct).ConfigureAwait(false);
        var selects = new List<string>(files.RowCount);
        for (var i = 0; i < files.RowCount; i++)
        {
            var path = store!.ViewPathOf(files.Columns[3].TextAt(i)!);
            var source = files.Columns[4].TextAt(i) == "parquet"
                ? RawFile.Parquet(path)
                : RawFile.Csv(path, JsonSerializer.Deserialize<List<string>>(files.Columns[6].TextAt(i)!)!, files.Columns[5].TextAt(i)!);
            var mapping = JsonSerializer.Deserialize<Dictionary<string, string?>>(files.Columns[7].TextAt(i)!)!;
            var values = schema.Properties
                .Select(p => mapping.TryGetValue(p.Name, out var column) && column is not null
                    ? RawFileValue.FromFile(SqlIdentifier.Quote(p.Name), column)
                    : RawFileValue.Fixed(SqlIdentifier.Quote(p.Name), "CAST(NULL AS VARCHAR)"))
                .Append(RawFileValue.Fixed(IngestionTables.LoadId, SqlIdentifier.Literal(files.Columns[0].TextAt(i)!)))
                .Append(RawFileValue.Fixed(IngestionTables.LoadedAt, "TIMESTAMP " + SqlIdentifier.Literal(files.Columns[1].TextAt(i)!)))
                .Append(RawFileValue.Fixed(IngestionTables.SourceFile, SqlIdentifier.Literal(files.Columns[2].TextAt(i)!)))
                .ToList();
            var quotedBreaks = files.Columns[8].WholeAt(i) == 1;
            selects.Add(scan.KeptFileSelect(source, new RawFileInsert(SqlIdentifier.Qualified("raw", table), values, IngestionTables.SourceLine), quotedBreaks));
        }

        await ExecAsync($"CREATE OR REPLACE VIEW {SqlIdentifier.Qualified("raw", table)} AS {string.Join(" UNION ALL ", selects.Select(s => "(" + s + ")"))}", ct).ConfigureAwait(false);
    }

    /// <summary>This load's rows (from the kept files as read, or from raw.&lt;table&gt;) with a unique <see cref="RawFileLoaded.RowKey"/>, under <paramref name="alias"/>.</summary>
    private string LoadRows(string loadId, string alias)
    {
        var key = RawFileLoaded.RowKey;
        if (!KeepsFiles)
        {
            return $"(SELECT {dialect.RowId} AS {key}, * FROM {SqlIdentifier.Qualified("raw", table)} WHERE {IngestionTables.LoadId} = {SqlIdentifier.Literal(loadId)}) {alias}";
        }

        if (_read.Count == 1)
        {
            return $"{_read[0].Relation} {alias}";
        }

        var columns = string.Join(", ", schema.Properties.Select(p => SqlIdentifier.Quote(p.Name)).Concat([IngestionTables.LoadId, IngestionTables.LoadedAt, IngestionTables.SourceFile, IngestionTables.SourceLine]));
        var files = _read.Select((r, i) => $"SELECT {columns}, {(i * FileKeyStride).ToString(CultureInfo.InvariantCulture)} + {key} AS {key} FROM {r.Relation} __file{i.ToString(CultureInfo.InvariantCulture)}");
        return $"({string.Join(" UNION ALL ", files)}) {alias}";
    }

    /// <summary>Applies the row rules; returns (read, quarantined, rows per rule).</summary>
    public async Task<(long Read, long Quarantined, Dictionary<string, long> ByRule, IReadOnlyList<QuarantinedRow> Samples)> ValidateAndUpsertAsync(string loadId, CancellationToken ct)
    {
        var rawColumns = schema.Properties.Select(p => SqlIdentifier.Quote(p.Name)).ToList();
        var typedSelect = string.Join(", ", schema.Properties.Select(p => ContractRowRules.TypedValue(dialect, p) + " AS " + ContractRowRules.Typed(p)));
        var rowId = RawFileLoaded.RowKey;

        // Only the (few) failing rows are materialised, by row key with their rules: the wide load is never copied,
        // and each statement below streams from this load's rows.
        var keys = ContractRowRules.UniqueKeys(schema);
        var duplicateTables = keys.Select((_, i) => $"_churnops_dups_{i}").ToList();
        var typedSource = $"(SELECT {typedSelect} FROM {LoadRows(loadId, "__load")}) __typed";
        for (var i = 0; i < keys.Count; i++)
        {
            await ExecAsync(ContractRowRules.DuplicatesSql(keys[i], duplicateTables[i], typedSource, versionColumn), ct).ConfigureAwait(false);
        }

        var rules = ContractRowRules.Expressions(dialect, schema, duplicateTables, versionColumn);
        var rulesSql = rules.Count == 0 ? "''" : $"concat_ws('; ', {string.Join(", ", rules)})";
        await ExecAsync($"""
            CREATE TEMP TABLE {Checked} AS
            SELECT __rid, {IngestionTables.Rules} FROM (
                SELECT __rid, {rulesSql} AS {IngestionTables.Rules}
                FROM (SELECT {rowId} AS __rid, {string.Join(", ", rawColumns)}, {typedSelect} FROM {LoadRows(loadId, "__load")}) __typed) __ruled
            WHERE {IngestionTables.Rules} <> ''
            """, ct).ConfigureAwait(false);
        foreach (var duplicates in duplicateTables)
        {
            await ExecAsync($"DROP TABLE {duplicates}", ct).ConfigureAwait(false);
        }

        var quarantined = await ExecAsync($"""
            INSERT INTO {SqlIdentifier.Qualified("quarantine", table)} ({string.Join(", ", rawColumns)}, {IngestionTables.LoadId}, {IngestionTables.LoadedAt}, {IngestionTables.SourceFile}, {IngestionTables.SourceLine}, {IngestionTables.Rules})
            SELECT {string.Join(", ", rawColumns.Select(c => "r." + c))}, r.{IngestionTables.LoadId}, r.{IngestionTables.LoadedAt}, r.{IngestionTables.SourceFile}, r.{IngestionTables.SourceLine}, c.{IngestionTables.Rules}
            FROM {LoadRows(loadId, "r")} JOIN {Checked} c ON r.{rowId} = c.__rid
            """, ct).ConfigureAwait(false);

        var accepted = $"FROM {LoadRows(loadId, "__load")} WHERE {rowId} NOT IN (SELECT __rid FROM {Checked})";
        var staging = SqlIdentifier.Qualified("staging", table);
        var key = schema.PrimaryKey;
        if (key.Count > 0 && await CountAsync($"SELECT count(*) FROM (SELECT 1 FROM {staging} LIMIT 1) AS any_row", ct).ConfigureAwait(false) > 0)
        {
            // Upsert as delete + insert: portable SQL, and no index to maintain on large tables. A first load has nothing
            // to replace, so it skips the pass that would cast every accepted key only to match an empty table.
            var match = string.Join(" AND ", key.Select(p => $"s.{SqlIdentifier.Quote(p.Name)} = c.{SqlIdentifier.Quote(p.Name)}"));
            var typedKeys = string.Join(", ", key.Select(p => $"{ContractRowRules.TypedValue(dialect, p)} AS {SqlIdentifier.Quote(p.Name)}"));
            await ExecAsync($"DELETE FROM {staging} s USING (SELECT {typedKeys} {accepted}) c WHERE {match}", ct).ConfigureAwait(false);
        }

        var typed = string.Join(", ", schema.Properties.Select(p => ContractRowRules.TypedValue(dialect, p)));
        await ExecAsync($"""
            INSERT INTO {staging} ({string.Join(", ", rawColumns)}, {IngestionTables.LoadId}, {IngestionTables.LoadedAt})
            SELECT {typed}, {IngestionTables.LoadId}, {IngestionTables.LoadedAt} {accepted}
            """, ct).ConfigureAwait(false);

        var read = KeepsFiles ? _read.Sum(r => r.Rows) : await CountAsync($"SELECT count(*) FROM {LoadRows(loadId, "__load")}", ct).ConfigureAwait(false);
        var byRule = new Dictionary<string, long>(StringComparer.Ordinal);
        var samples = new List<QuarantinedRow>();
        if (quarantined > 0)
        {
            var first = await transaction.QueryAsync($"""
                SELECT r.{IngestionTables.SourceFile}, r.{IngestionTables.SourceLine}, c.{IngestionTables.Rules}
                FROM {LoadRows(loadId, "r")} JOIN {Checked} c ON r.{rowId} = c.__rid
                ORDER BY r.{rowId} LIMIT {SampleSize}
                """, ct).ConfigureAwait(false);
            for (var i = 0; i < first.RowCount; i++)
            {
                samples.Add(new QuarantinedRow(first.Columns[0].TextAt(i)!, first.Columns[1].WholeAt(i), first.Columns[2].TextAt(i)!));
            }

            var counts = await transaction.QueryAsync($"SELECT r, count(*) FROM (SELECT unnest(string_to_array({IngestionTables.Rules}, '; ')) AS r FROM {Checked}) __rules GROUP BY r ORDER BY count(*) DESC, r", ct).ConfigureAwait(false);
            for (var i = 0; i < counts.RowCount; i++)
            {
                byRule[counts.Columns[0].TextAt(i)!] = counts.Columns[1].WholeAt(i) ?? 0;
            }
        }

        await ExecAsync($"DROP TABLE {Checked}", ct).ConfigureAwait(false);
        var scratch = _read.SelectMany(r => r.Scratch).ToList();
        if (scratch.Count > 0)
        {
            await ExecAsync(string.Join("; ", scratch.Select(t => $"DROP TABLE IF EXISTS {t}")), ct).ConfigureAwait(false);
        }

        if (KeepsFiles)
        {
            await RefreshRawViewAsync(ct).ConfigureAwait(false);
        }

        return (read, quarantined, byRule, samples);
    }

    /// <summary>Table-level library rules (rowCount, completeness) decide whether the load is accepted.</summary>
    public async Task<string?> CheckTableRulesAsync(long read, long quarantined, CancellationToken ct)
    {
        foreach (var rule in schema.Quality.Where(q => q.Type == "library" && q.Comparison is not null))
        {
            double? measured = rule.Rule switch
            {
                "rowCount" => await CountAsync($"SELECT count(*) FROM {SqlIdentifier.Qualified("staging", table)}", ct).ConfigureAwait(false),
                "completeness" => read == 0 ? 0 : 100.0 * (read - quarantined) / read,
                _ => null,
            };
            if (measured is { } value && !rule.Comparison!.IsSatisfiedBy(value))
            {
                return $"load refused: table rule {rule.Describe()} failed for {table} (measured {value.ToString("0.##", CultureInfo.InvariantCulture)})";
            }
        }

        return await CheckSqlRulesAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The contract's sql rules (table- and column-level) over staging as this load leaves it. They run in the load's
    /// transaction (they must see its rows), after the token and parse-tree checks that admit only one read-only SELECT.
    /// </summary>
    private async Task<string?> CheckSqlRulesAsync(CancellationToken ct)
    {
        var staging = SqlIdentifier.Qualified("staging", table);
        var rules = schema.Quality.Select(r => (Rule: r, Column: (string?)null))
            .Concat(schema.Properties.SelectMany(p => p.Quality.Select(r => (Rule: r, Column: (string?)p.Name))))
            .Where(x => x.Rule is { Type: "sql", Query: not null, Comparison: not null });
        foreach (var (rule, column) in rules)
        {
            var (sql, error) = SqlQualityPlaceholders.Expand(rule.Query!, staging, column is null ? null : SqlIdentifier.Quote(column));
            var measured = error is null
                ? await transaction.QueryNumberAsync(sql, ct).ConfigureAwait(false)
                : NumberQueryResult.Failed(error);
            if (measured.Value is not { } value)
            {
                return $"load refused: sql rule {rule.Describe()} on {table}{(column is null ? string.Empty : "." + column)} could not be evaluated: {measured.Error}";
            }

            if (!rule.Comparison!.IsSatisfiedBy(value))
            {
                return $"load refused: sql rule {rule.Describe()} failed for {table}{(column is null ? string.Empty : "." + column)} (measured {value.ToString("0.##", CultureInfo.InvariantCulture)})";
            }
        }

        return null;
    }

    /// <summary>When set (by the benchmark), receives each statement's duration.</summary>
    internal static Action<string, TimeSpan>? Trace { get; set; }

    private async Task<long> ExecAsync(string sql, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var affected = await transaction.ExecuteAsync(sql, ct).ConfigureAwait(false);
        Trace?.Invoke(sql, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return affected;
    }

    private async Task<long> CountAsync(string sql, CancellationToken ct)
    {
        return Convert.ToInt64(await transaction.ScalarAsync(sql, ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private async Task<IReadOnlyList<WarehouseColumn>> DescribeAsync(string sql, CancellationToken ct)
    {
        var data = await transaction.QueryAsync(sql, ct).ConfigureAwait(false);
        var columns = new List<WarehouseColumn>(data.RowCount);
        for (var i = 0; i < data.RowCount; i++)
        {
            columns.Add(new WarehouseColumn(data.Columns[0].TextAt(i)!, data.Columns[1].TextAt(i)!, true));
        }

        return columns;
    }

    internal static string Timestamp(DateTimeOffset at) =>
        "TIMESTAMP " + SqlIdentifier.Literal(at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture));

    internal static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
