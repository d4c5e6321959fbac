namespace ChurnOps.Storage.Warehouse.Postgres;

/// <summary>
/// TRY_CAST for PostgreSQL: one function per target type in the <c>churnops</c> schema that returns NULL where the text
/// does not parse. DECIMAL(p,s) goes through NUMERIC and is then cast to its precision.
/// <para>
/// Catching the cast's error takes a PL/pgSQL exception block, i.e. a subtransaction per call (about 0.6 µs, and tens of
/// µs when the error is raised). So each <c>try_*</c> is a SQL-language function the planner inlines: empty or NULL text
/// is NULL outright (every one of these casts rejects ''), integers and booleans whose text the plain cast surely
/// accepts are cast directly, and only the rest reaches the exception block (<c>try_*_caught</c>). The cheap checks
/// admit only text the cast accepts, with the very same cast, so the results are those of the exception block alone.
/// Checks for doubles, dates and timestamps were measured to cost more than the subtransaction they would save.
/// </para>
/// <para>
/// Every one is PARALLEL UNSAFE: no process of a parallel query, not even the leader above the Gather, may start a
/// subtransaction, so a parallel plan over them failed ("cannot start subtransactions during a parallel operation")
/// when they were declared PARALLEL SAFE. Ingestion's INSERT … SELECT is never parallel anyway.
/// </para>
/// </summary>
internal static class PostgresTryCastFunctions
{
    public const string Schema = "churnops";

    public const string Numeric = Schema + ".try_numeric";

    private const string Digits = "'0123456789'";

    private static readonly (string Type, string Name, string? DirectWhen)[] Targets =
    [
        ("SMALLINT", "try_smallint", IntegerText(4)), ("INTEGER", "try_integer", IntegerText(9)), ("BIGINT", "try_bigint", IntegerText(18)),
        ("DOUBLE PRECISION", "try_double", null), ("REAL", "try_real", null), ("NUMERIC", "try_numeric", null),
        ("BOOLEAN", "try_boolean", "value IN ('true', 'false', 't', 'f', '1', '0', 'TRUE', 'FALSE', 'True', 'False')"),
        ("DATE", "try_date", null), ("TIMESTAMP", "try_timestamp", null), ("TIMESTAMPTZ", "try_timestamptz", null), ("TIME", "try_time", null),
        ("UUID", "try_uuid", null),
    ];

    /// <summary>The function that parses text as <paramref name="type"/>, or null (DECIMAL(p,s) and unknown types).</summary>
    public static string? For(string type) =>
        Targets.FirstOrDefault(t => string.Equals(t.Type, type, StringComparison.OrdinalIgnoreCase)).Name is { } name ? Schema + "." + name : null;

    /// <summary>CREATE OR REPLACE for every function (idempotent; run under the warehouse's open lock).</summary>
    public static IEnumerable<string> CreateStatements()
    {
        yield return $"CREATE SCHEMA IF NOT EXISTS {Schema}";
        foreach (var (type, name, directWhen) in Targets)
        {
            yield return $"""
                CREATE OR REPLACE FUNCTION {Schema}.{name}_caught(value TEXT) RETURNS {type} LANGUAGE plpgsql STABLE PARALLEL UNSAFE AS $body$
                BEGIN
                    RETURN CAST(value AS {type});
                EXCEPTION WHEN data_exception THEN
                    RETURN NULL;
                END
                $body$
                """;
            var direct = directWhen is null ? string.Empty : $" WHEN {directWhen} THEN CAST(value AS {type})";
            yield return $"""
                CREATE OR REPLACE FUNCTION {Schema}.{name}(value TEXT) RETURNS {type} LANGUAGE sql STABLE PARALLEL UNSAFE AS $body$
                    SELECT CASE WHEN value IS NULL OR value = '' THEN NULL{direct} ELSE {Schema}.{name}_caught(value) END
                $body$
                """;
        }
    }

    /// <summary>
    /// Text that is at most <paramref name="digits"/> decimal digits, optionally after one leading minus: it always fits
    /// the type (9 digits an INTEGER, 18 a BIGINT), so the plain cast cannot fail.
    /// </summary>
    private static string IntegerText(int digits) =>
        $"octet_length(value) <= {digits + 1} AND CASE translate(value, {Digits}, '') WHEN '' THEN octet_length(value) <= {digits} WHEN '-' THEN left(value, 1) = '-' AND octet_length(value) > 1 ELSE false END";
}
