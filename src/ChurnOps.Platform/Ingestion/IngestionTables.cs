using ChurnOps.Core.Contracts;
using ChurnOps.Core.Warehouse;

namespace ChurnOps.Platform.Ingestion;

/// <summary>
/// The three tables of a contract's table: raw (every row as text, with load columns), quarantine (raw plus the rules
/// broken) and staging (typed per the contract, upserted by primary key). Created on first load; new contract columns
/// are added later. Where the warehouse reads local files in queries (DuckDB), raw is not a table but a view over the
/// kept input files listed in <see cref="KeptFiles"/> (one row per file of each load: hash, size, source, format and
/// reader options), rebuilt by every load; a raw table made by an earlier version stays a table.
/// </summary>
internal static class IngestionTables
{
    public const string LoadId = "_load_id";
    public const string LoadedAt = "_loaded_at";
    public const string SourceFile = "_source_file";

    /// <summary>
    /// Where the row is in its file. CSV: the 1-based physical line, the header being line 1 (so <c>sed -n 'Np'</c> shows
    /// it), also when a quoted value spans lines (the row is then at its first line); a blank line, which the reader
    /// skips, is not counted. Parquet: the 0-based row index in the file
    /// (as pyarrow's <c>table.slice(N, 1)</c> addresses it).
    /// </summary>
    public const string SourceLine = "_source_line";
    public const string Rules = "_rules";

    /// <summary>The kept input files behind the raw views (one warehouse table for all contract tables).</summary>
    public const string KeptFiles = "raw._kept_files";

    public const string KeptFilesDdl = $"""
        CREATE TABLE IF NOT EXISTS {KeptFiles} (
            table_name VARCHAR NOT NULL, load_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL, file_index INTEGER NOT NULL,
            source_file VARCHAR NOT NULL, kept_file VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, size_bytes BIGINT NOT NULL,
            format VARCHAR NOT NULL, delimiter VARCHAR, header VARCHAR, columns VARCHAR NOT NULL, quoted_line_breaks BOOLEAN NOT NULL,
            rows BIGINT NOT NULL)
        """;

    /// <summary>The columns ingestion adds to every row it keeps: never features, whatever table a model is trained on.</summary>
    public static readonly IReadOnlyList<string> Bookkeeping = [LoadId, LoadedAt, SourceFile, SourceLine, Rules];

    public static IReadOnlyList<(string Schema, IReadOnlyList<(string Name, string Type)> Columns)> Layout(ContractSchema schema)
    {
        var text = schema.Properties.Select(p => (p.Name, "VARCHAR")).ToList();
        var typed = schema.Properties.Select(p => (p.Name, ContractTypes.WarehouseType(p))).ToList();
        return
        [
            ("raw", [.. text, (LoadId, "VARCHAR"), (LoadedAt, "TIMESTAMP"), (SourceFile, "VARCHAR"), (SourceLine, "BIGINT")]),
            ("quarantine", [.. text, (LoadId, "VARCHAR"), (LoadedAt, "TIMESTAMP"), (SourceFile, "VARCHAR"), (SourceLine, "BIGINT"), (Rules, "VARCHAR")]),
            ("staging", [.. typed, (LoadId, "VARCHAR"), (LoadedAt, "TIMESTAMP")]),
        ];
    }

    /// <summary>Statements that create the tables or add the contract's new columns; an error when staging holds a column of another type.</summary>
    public static (IReadOnlyList<string> Statements, string? Error) Plan(string table, ContractSchema schema, Func<string, IReadOnlyList<WarehouseColumn>> existing, IWarehouseDialect dialect, bool rawIsView = false)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var statements = new List<string>();
        foreach (var (schemaName, columns) in Layout(schema).Where(l => !(rawIsView && l.Schema == "raw")))
        {
            var current = existing(schemaName);
            var qualified = SqlIdentifier.Qualified(schemaName, table);
            if (current.Count == 0)
            {
                statements.Add($"CREATE TABLE {qualified} ({string.Join(", ", columns.Select(c => SqlIdentifier.Quote(c.Name) + " " + dialect.TypeName(c.Type)))})");
                continue;
            }

            foreach (var (name, type) in columns)
            {
                var found = current.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
                if (found is null)
                {
                    statements.Add($"ALTER TABLE {qualified} ADD COLUMN {SqlIdentifier.Quote(name)} {dialect.TypeName(type)}");
                }
                else if (!SameType(found.SqlType, type))
                {
                    return ([], $"{schemaName}.{table}.{name} is {found.SqlType} in the warehouse but the contract says {type}; migrate the table or bump the contract's major version");
                }
            }
        }

        return (statements, null);
    }

    // PostgreSQL's information_schema names types in words and gives DECIMAL's precision elsewhere, so its bare
    // "numeric" matches any DECIMAL(p,s) of the contract.
    private static bool SameType(string warehouse, string contract) =>
        string.Equals(Normalize(warehouse), Normalize(contract), StringComparison.OrdinalIgnoreCase)
        || (Normalize(warehouse) == "NUMERIC" && Normalize(contract).StartsWith("DECIMAL", StringComparison.Ordinal));

    private static string Normalize(string type) => type.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant() switch
    {
        "TIMESTAMPWITHTIMEZONE" => "TIMESTAMPTZ",
        "TIMESTAMPWITHOUTTIMEZONE" => "TIMESTAMP",
        "CHARACTERVARYING" or "TEXT" => "VARCHAR",
        "DOUBLEPRECISION" => "DOUBLE",
        "REAL" => "FLOAT",
        "TIMEWITHOUTTIMEZONE" => "TIME",
        var t => t,
    };
}
