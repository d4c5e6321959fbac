using ChurnOps.Core.Warehouse;

namespace ChurnOps.Storage.Warehouse.Postgres;

/// <summary>
/// PostgreSQL's spelling of the fragments the engines do not share. PostgreSQL has no TRY_CAST: a failed cast aborts
/// the statement, so text is parsed by small functions that return NULL instead (<see cref="PostgresTryCastFunctions"/>,
/// created with the warehouse's schemas).
/// </summary>
public sealed class PostgresWarehouseDialect : IWarehouseDialect
{
    public string RowId => "ctid";

    public string TypeName(string canonicalType) => canonicalType switch
    {
        "DOUBLE" => "DOUBLE PRECISION",
        "FLOAT" => "REAL",
        "TINYINT" => "SMALLINT",
        "HUGEINT" => "NUMERIC(38,0)",
        "UBIGINT" => "NUMERIC(20,0)",
        "UINTEGER" => "BIGINT",
        "USMALLINT" or "UTINYINT" => "INTEGER",
        _ => canonicalType,
    };

    public string TryCast(string expression, string canonicalType)
    {
        var type = TypeName(canonicalType);
        return PostgresTryCastFunctions.For(type) is { } function
            ? $"{function}(CAST({expression} AS TEXT))"
            : $"CAST({PostgresTryCastFunctions.Numeric}(CAST({expression} AS TEXT)) AS {type})";
    }

    public string RegexFullMatch(string expression, string pattern) => $"({expression} ~ ('^(?:' || {pattern} || ')$'))";

    public string RegexContains(string expression, string pattern) => $"({expression} ~ {pattern})";

    public string EpochMicroseconds(string expression) => $"CAST(EXTRACT(EPOCH FROM {expression}) * 1000000 AS BIGINT)";

    public IReadOnlyList<string> LookupIndex(string schema, string table, string keyColumn, string timestampColumn) =>
        [$"CREATE INDEX IF NOT EXISTS {SqlIdentifier.Quote(table + "_lookup")} ON {SqlIdentifier.Qualified(schema, table)} ({SqlIdentifier.Quote(keyColumn)}, {SqlIdentifier.Quote(timestampColumn)})"];
}
