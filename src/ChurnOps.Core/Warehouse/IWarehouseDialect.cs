namespace ChurnOps.Core.Warehouse;

/// <summary>
/// The few SQL fragments that differ between the warehouse engines (DuckDB embedded, PostgreSQL in team mode). Everything
/// else the platform writes is SQL both accept (DOUBLE PRECISION, DISTINCT ON, DROP + CREATE, aliased subqueries…);
/// this seam holds only what has no common spelling. Types are the canonical names of
/// <see cref="Contracts.ContractTypes"/> (VARCHAR, BIGINT, DOUBLE, DECIMAL(p,s), TIMESTAMP…).
/// </summary>
public interface IWarehouseDialect
{
    /// <summary>The engine's spelling of a canonical type (DOUBLE is DOUBLE PRECISION in PostgreSQL).</summary>
    string TypeName(string canonicalType);

    /// <summary><paramref name="expression"/> (text) as <paramref name="canonicalType"/>, or NULL where it does not parse.</summary>
    string TryCast(string expression, string canonicalType);

    /// <summary>True when the whole of <paramref name="expression"/> matches <paramref name="pattern"/> (a SQL string literal).</summary>
    string RegexFullMatch(string expression, string pattern);

    /// <summary>True when <paramref name="pattern"/> (a SQL string literal) matches somewhere in <paramref name="expression"/>.</summary>
    string RegexContains(string expression, string pattern);

    /// <summary>A column that names a row of a table for the length of a transaction (DuckDB's rowid, PostgreSQL's ctid).</summary>
    string RowId { get; }

    /// <summary>A TIMESTAMP expression as whole microseconds since the Unix epoch (BIGINT).</summary>
    string EpochMicroseconds(string expression);

    /// <summary>
    /// Statements that make the point-in-time lookup on a built feature table fast (an index on key, timestamp in
    /// PostgreSQL); none where the engine needs none (DuckDB's ASOF join sorts).
    /// </summary>
    IReadOnlyList<string> LookupIndex(string schema, string table, string keyColumn, string timestampColumn);
}
