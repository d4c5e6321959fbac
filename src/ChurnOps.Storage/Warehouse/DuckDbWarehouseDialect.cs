using ChurnOps.Core.Warehouse;

namespace ChurnOps.Storage.Warehouse;

/// <summary>DuckDB's spelling of the fragments the engines do not share.</summary>
public sealed class DuckDbWarehouseDialect : IWarehouseDialect
{
    public string RowId => "rowid";

    public string TypeName(string canonicalType) => canonicalType;

    public string TryCast(string expression, string canonicalType) => $"TRY_CAST({expression} AS {canonicalType})";

    public string RegexFullMatch(string expression, string pattern) => $"regexp_full_match({expression}, {pattern})";

    public string RegexContains(string expression, string pattern) => $"regexp_matches({expression}, {pattern})";

    public string EpochMicroseconds(string expression) => $"epoch_us({expression})";

    public IReadOnlyList<string> LookupIndex(string schema, string table, string keyColumn, string timestampColumn) => [];
}
