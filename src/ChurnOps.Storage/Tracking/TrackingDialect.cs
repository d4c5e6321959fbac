using System.Data;
using System.Data.Common;
using System.Text;
using System.Text.Json;

namespace ChurnOps.Storage.Tracking;

/// <summary>
/// The few SQL forms in which the tracking and registry stores differ between SQLite and PostgreSQL. Everything else
/// (ON CONFLICT, RETURNING, row-value comparison, window functions, INTERSECT, LIMIT/OFFSET) is written once.
/// Lists travel as one parameter: a JSON array read with json_each on SQLite, a typed binary array on PostgreSQL.
/// </summary>
internal sealed class TrackingDialect
{
    private readonly bool _postgres;

    private TrackingDialect(bool postgres) => _postgres = postgres;

    public static TrackingDialect Sqlite { get; } = new(postgres: false);

    public static TrackingDialect Postgres { get; } = new(postgres: true);

    public bool IsPostgres => _postgres;

    /// <summary>The dialect of the engine behind <paramref name="database"/>.</summary>
    public static TrackingDialect Of(Metadata.MetadataDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.Dialect == Metadata.MetadataDialect.PostgreSql ? Postgres : Sqlite;
    }

    /// <summary>
    /// The join that makes the left side the outer loop. SQLite's planner takes CROSS JOIN as that hint (and accepts
    /// ON after it); PostgreSQL plans joins itself and only accepts ON after a plain JOIN.
    /// </summary>
    public string OuterLoopJoin => _postgres ? "JOIN" : "CROSS JOIN";

    /// <summary>
    /// Appended to a read of the row a write transaction is about to change. SQLite's BEGIN IMMEDIATE already holds the
    /// database's single write lock; PostgreSQL (read committed) locks just that row, so writes to other runs proceed.
    /// </summary>
    public string ForUpdate => _postgres ? " FOR UPDATE" : string.Empty;

    /// <summary>Like <see cref="ForUpdate"/> for a row the transaction only depends on (a run's experiment): other such readers are not blocked.</summary>
    public string ForShare => _postgres ? " FOR SHARE" : string.Empty;

    /// <summary>
    /// SQLite: Serializable is what makes Microsoft.Data.Sqlite issue BEGIN IMMEDIATE. PostgreSQL: read committed with
    /// row locks (<see cref="ForUpdate"/>) and upserts, so concurrent writers wait for each other instead of failing
    /// with serialization errors that every caller would have to retry.
    /// </summary>
    public IsolationLevel WriteIsolation => _postgres ? IsolationLevel.ReadCommitted : IsolationLevel.Serializable;

    /// <summary>A LIMIT that does not limit, for an OFFSET to follow (SQLite has no OFFSET without LIMIT).</summary>
    public string Unlimited => _postgres ? "ALL" : "-1";

    /// <summary>A statement that tunes a connection for page-sized reads, or null (see <see cref="TrackingSql.OpenForReadsAsync"/>).</summary>
    public string? ReadTuning => _postgres ? null : "PRAGMA mmap_size=268435456";

    /// <summary>"<paramref name="column"/> is one of the list bound to <paramref name="parameter"/>" (see <see cref="List(IEnumerable{long})"/>).</summary>
    public string InList(string column, string parameter) =>
        _postgres ? $"{column} = ANY({parameter})" : $"{column} IN (SELECT value FROM json_each({parameter}))";

    public object List(IEnumerable<long> values) => _postgres ? values.ToArray() : JsonSerializer.Serialize(values);

    public object List(IEnumerable<string> values) => _postgres ? values.ToArray() : JsonSerializer.Serialize(values);

    /// <summary>
    /// MLflow's case-sensitive LIKE. SQLite's LIKE ignores ASCII case, so there it becomes GLOB (with the pattern
    /// from <see cref="LikePattern"/>); PostgreSQL's LIKE is case-sensitive, and ESCAPE '' keeps a backslash literal
    /// as it is in SQLite, so a pattern means the same on both.
    /// </summary>
    public string Like(string column, string parameter) =>
        _postgres ? $"{column} LIKE {parameter} ESCAPE ''" : $"{column} GLOB {parameter}";

    public string LikePattern(string like) => _postgres ? like : LikeToGlob(like);

    /// <summary>MLflow's ILIKE (case-insensitive). On SQLite case folding is ASCII-only; PostgreSQL folds every letter, as MLflow on PostgreSQL does.</summary>
    public string ILike(string column, string parameter) =>
        _postgres ? $"{column} ILIKE {parameter} ESCAPE ''" : $"lower({column}) LIKE lower({parameter})";

    /// <summary>The larger of two values (SQLite's two-argument MAX is a scalar function; PostgreSQL calls it GREATEST).</summary>
    public string Greatest(string left, string right) => _postgres ? $"GREATEST({left}, {right})" : $"MAX({left}, {right})";

    /// <summary>Makes foreign keys checked at commit for the rest of the transaction (PostgreSQL: the constraints are DEFERRABLE).</summary>
    public string DeferForeignKeys => _postgres ? "SET CONSTRAINTS ALL DEFERRED" : "PRAGMA defer_foreign_keys = ON";

    /// <summary>
    /// Rows of the JSON tag list in <paramref name="tagsColumn"/> (an input's tags, stored as JSON text), each exposing
    /// its key and value as text; used as "FROM table i, {this}". Values compare in binary order on both engines.
    /// </summary>
    public string JsonTags(string tagsColumn, string alias) => _postgres
        ? $"jsonb_array_elements({tagsColumn}::jsonb) AS {alias}(tag)"
        : $"json_each({tagsColumn}) AS {alias}";

    public string JsonTagKey(string alias) => _postgres ? $"({alias}.tag ->> 'key')" : $"json_extract({alias}.value, '$.key')";

    public string JsonTagValue(string alias) => _postgres ? $"(({alias}.tag ->> 'value') COLLATE \"C\")" : $"json_extract({alias}.value, '$.value')";

    /// <summary>
    /// "SELECT @pk, key, value FROM (the pairs bound by <see cref="BindPairs"/>)", to follow an INSERT's column list.
    /// SQLite reads one JSON array (WHERE true lets an ON CONFLICT clause follow a SELECT); PostgreSQL unnests two
    /// binary text arrays.
    /// </summary>
    public string PairsSelect => _postgres
        ? "SELECT @pk, j.k, j.v FROM unnest(@keys, @values) AS j(k, v)"
        : "SELECT @pk, j.value ->> 0, j.value ->> 1 FROM json_each(@rows) AS j WHERE true";

    public void BindPairs(DbCommand command, long pk, IReadOnlyList<(string Key, string Value)> pairs)
    {
        TrackingSql.Add(command, "@pk", pk);
        if (_postgres)
        {
            TrackingSql.Add(command, "@keys", pairs.Select(p => p.Key).ToArray());
            TrackingSql.Add(command, "@values", pairs.Select(p => p.Value).ToArray());
            return;
        }

        // One JSON text parameter: per-statement and per-parameter overhead, not I/O, dominates small SQLite inserts.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartArray();
            foreach (var (key, value) in pairs)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(key);
                writer.WriteStringValue(value);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        TrackingSql.Add(command, "@rows", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>Translates an SQL LIKE pattern to GLOB, which is case-sensitive in SQLite as LIKE is in MLflow.</summary>
    private static string LikeToGlob(string pattern)
    {
        var builder = new StringBuilder(pattern.Length + 8);
        foreach (var c in pattern)
        {
            builder.Append(c switch
            {
                '%' => "*",
                '_' => "?",
                '*' => "[*]",
                '?' => "[?]",
                '[' => "[[]",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }
}
