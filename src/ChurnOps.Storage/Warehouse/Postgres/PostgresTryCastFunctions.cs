namespace ChurnOps.Storage.Warehouse.Postgres;

/// <summary>
/// TRY_CAST for PostgreSQL: one function per target type in the <c>churnops</c> schema that returns NULL where the text
/// does not parse (the exception is caught inside the function, so the load's statement goes on). DECIMAL(p,s) goes
/// through NUMERIC and is then cast to its precision.
/// </summary>
internal static class PostgresTryCastFunctions
{
    public const string Schema = "churnops";

    public const string Numeric = Schema + ".try_numeric";

    private static readonly (string Type, string Name)[] Targets =
    [
        ("SMALLINT", "try_smallint"), ("INTEGER", "try_integer"), ("BIGINT", "try_bigint"), ("DOUBLE PRECISION", "try_double"),
        ("REAL", "try_real"), ("NUMERIC", "try_numeric"), ("BOOLEAN", "try_boolean"), ("DATE", "try_date"),
        ("TIMESTAMP", "try_timestamp"), ("TIMESTAMPTZ", "try_timestamptz"), ("TIME", "try_time"), ("UUID", "try_uuid"),
    ];

    /// <summary>The function that parses text as <paramref name="type"/>, or null (DECIMAL(p,s) and unknown types).</summary>
    public static string? For(string type) =>
        Targets.FirstOrDefault(t => string.Equals(t.Type, type, StringComparison.OrdinalIgnoreCase)).Name is { } name ? Schema + "." + name : null;

    /// <summary>CREATE OR REPLACE for every function (idempotent; run under the warehouse's open lock).</summary>
    public static IEnumerable<string> CreateStatements()
    {
        yield return $"CREATE SCHEMA IF NOT EXISTS {Schema}";
        foreach (var (type, name) in Targets)
        {
            yield return $"""
                CREATE OR REPLACE FUNCTION {Schema}.{name}(value TEXT) RETURNS {type} LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $body$
                BEGIN
                    RETURN CAST(value AS {type});
                EXCEPTION WHEN data_exception THEN
                    RETURN NULL;
                END
                $body$
                """;
        }
    }
}
