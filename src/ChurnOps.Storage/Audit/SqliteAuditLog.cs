using System.Runtime.CompilerServices;
using ChurnOps.Core.Access;
using ChurnOps.Core.Audit;
using ChurnOps.Storage.Metadata;
using Microsoft.Data.Sqlite;

namespace ChurnOps.Storage.Audit;

/// <summary>
/// The audit log in the metadata database: one row per entry with its chain hashes, and a one-row head holding the id
/// and hash of the newest entry. The SQL is plain (no engine-specific functions) so the PostgreSQL store can share it.
/// </summary>
public sealed class SqliteAuditLog(SqliteMetadataDatabase database) : IAuditLog
{
    private const string Columns = "id, at, actor, team, authentication, origin, action, object_kind, object_id, outcome, status, route, reason, before_json, after_json, previous_hash, hash";

    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new("audit", 1, $"""
            CREATE TABLE audit_log (
                id BIGINT PRIMARY KEY,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                team TEXT,
                authentication TEXT NOT NULL,
                origin TEXT NOT NULL,
                action TEXT NOT NULL,
                object_kind TEXT NOT NULL,
                object_id TEXT NOT NULL,
                outcome TEXT NOT NULL,
                status INTEGER,
                route TEXT,
                reason TEXT,
                before_json TEXT,
                after_json TEXT,
                previous_hash TEXT NOT NULL,
                hash TEXT NOT NULL);
            CREATE INDEX ix_audit_log_at ON audit_log(at);
            CREATE INDEX ix_audit_log_object ON audit_log(object_id);
            CREATE INDEX ix_audit_log_actor ON audit_log(actor);
            CREATE TABLE audit_head (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                last_id BIGINT NOT NULL,
                last_hash TEXT NOT NULL);
            INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, '{AuditChain.Genesis}');
            """),
    ];

    public async Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // BEGIN IMMEDIATE takes SQLite's write lock at once; the UPDATE first takes PostgreSQL's row lock on the head. Either
        // way the head read below is the newest, and no other writer can append until this one commits: one chain, no fork.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var claim = Command(connection, transaction, "UPDATE audit_head SET last_id = last_id + 1 WHERE id = 1"))
        {
            await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        long id;
        string previous;
        await using (var read = Command(connection, transaction, "SELECT last_id, last_hash FROM audit_head WHERE id = 1"))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException("the audit log's head row is missing: the metadata database was edited by hand");
            }

            id = reader.GetInt64(0);
            previous = reader.GetString(1);
        }

        var hash = AuditChain.Hash(previous, id, record);
        await using (var insert = Command(connection, transaction, $"""
            INSERT INTO audit_log ({Columns})
            VALUES ($id, $at, $actor, $team, $auth, $origin, $action, $kind, $object, $outcome, $status, $route, $reason, $before, $after, $previous, $hash)
            """))
        {
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$at", AuditChain.Timestamp(record.At));
            insert.Parameters.AddWithValue("$actor", record.Actor.Name);
            insert.Parameters.AddWithValue("$team", Nullable(record.Actor.Team));
            insert.Parameters.AddWithValue("$auth", record.Actor.Authentication);
            insert.Parameters.AddWithValue("$origin", record.Origin);
            insert.Parameters.AddWithValue("$action", record.Action);
            insert.Parameters.AddWithValue("$kind", record.ObjectKind);
            insert.Parameters.AddWithValue("$object", record.ObjectId);
            insert.Parameters.AddWithValue("$outcome", record.Outcome);
            insert.Parameters.AddWithValue("$status", record.Status is { } status ? status : DBNull.Value);
            insert.Parameters.AddWithValue("$route", Nullable(record.Route));
            insert.Parameters.AddWithValue("$reason", Nullable(record.Reason));
            insert.Parameters.AddWithValue("$before", Nullable(record.Before));
            insert.Parameters.AddWithValue("$after", Nullable(record.After));
            insert.Parameters.AddWithValue("$previous", previous);
            insert.Parameters.AddWithValue("$hash", hash);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var head = Command(connection, transaction, "UPDATE audit_head SET last_hash = $hash WHERE id = 1"))
        {
            head.Parameters.AddWithValue("$hash", hash);
            await head.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new AuditEntry(id, record, previous, hash);
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {Columns} FROM audit_log
            WHERE ($since IS NULL OR at >= $since)
              AND ($actor IS NULL OR actor = $actor OR team = $actor)
              AND ($object IS NULL OR object_id = $object OR object_id LIKE $under ESCAPE '\' OR object_kind || ':' || object_id = $object)
              AND ($action IS NULL OR action = $action OR action LIKE $noun ESCAPE '\')
            ORDER BY id DESC LIMIT $max
            """;
        command.Parameters.AddWithValue("$since", query.Since is { } since ? AuditChain.Timestamp(since) : DBNull.Value);
        command.Parameters.AddWithValue("$actor", Nullable(Blank(query.Actor)));
        command.Parameters.AddWithValue("$object", Nullable(Blank(query.Object)));
        command.Parameters.AddWithValue("$under", Nullable(Blank(query.Object) is { } o ? Like(o) + "/%" : null));
        command.Parameters.AddWithValue("$action", Nullable(Blank(query.Action)));
        command.Parameters.AddWithValue("$noun", Nullable(Blank(query.Action) is { } a ? Like(a) + ".%" : null));
        command.Parameters.AddWithValue("$max", Math.Clamp(query.Max, 1, AuditQuery.MaxResults));
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(Read(reader));
        }

        return entries;
    }

    public async IAsyncEnumerable<AuditEntry> ReadChainAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM audit_log ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Read(reader);
        }
    }

    public async Task<AuditHead> HeadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT last_id, last_hash FROM audit_head WHERE id = 1";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new AuditHead(reader.GetInt64(0), reader.GetString(1))
            : new AuditHead(-1, string.Empty);
    }

    private static AuditEntry Read(SqliteDataReader reader)
    {
        var record = new AuditRecord(
            AuditChain.ParseTimestamp(reader.GetString(1)),
            new Actor(reader.GetString(2), Text(reader, 3), reader.GetString(4)),
            reader.GetString(5),
            reader.GetString(6),
            reader.GetString(7),
            reader.GetString(8),
            reader.GetString(9))
        {
            Status = reader.IsDBNull(10) ? null : reader.GetInt32(10),
            Route = Text(reader, 11),
            Reason = Text(reader, 12),
            Before = Text(reader, 13),
            After = Text(reader, 14),
        };
        return new AuditEntry(reader.GetInt64(0), record, reader.GetString(15), reader.GetString(16));
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static object Nullable(string? value) => (object?)value ?? DBNull.Value;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Like(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
