using System.Data.Common;
using System.Runtime.CompilerServices;
using ChurnOps.Core.Access;
using ChurnOps.Core.Audit;
using ChurnOps.Storage.Metadata;

namespace ChurnOps.Storage.Audit;

/// <summary>
/// The audit log in the metadata database, on SQLite or PostgreSQL: one row per entry with its chain hashes, and a
/// one-row head holding the id and hash of the newest entry. Every value is stored as the canonical text or integer
/// the hash was computed over (<see cref="AuditChain.Timestamp"/>), so a chain verifies the same on either engine.
/// </summary>
public sealed class SqlAuditLog(MetadataDatabase database) : IAuditLog
{
    private const string Area = "audit";
    private const string Columns = "id, at, actor, team, authentication, origin, action, object_kind, object_id, outcome, status, route, reason, before_json, after_json, previous_hash, hash";

    private const string Tables = """
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
        """;

    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        // PostgreSQL gets its own text: the head's key is a constant 1, not an identity column, and "at" compares byte-wise
        // (COLLATE "C") so "since" filters the ISO-8601 text exactly as on SQLite whatever the database's collation.
        new(Area, 1, $"""
            {Tables}
            CREATE TABLE audit_head (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                last_id BIGINT NOT NULL,
                last_hash TEXT NOT NULL);
            INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, '{AuditChain.Genesis}');
            """)
        {
            PostgreSql = $"""
                {Tables.Replace("status INTEGER", "status BIGINT", StringComparison.Ordinal).Replace("at TEXT NOT NULL", "at TEXT COLLATE \"C\" NOT NULL", StringComparison.Ordinal)}
                CREATE TABLE audit_head (
                    id BIGINT PRIMARY KEY CHECK (id = 1),
                    last_id BIGINT NOT NULL,
                    last_hash TEXT NOT NULL);
                INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, '{AuditChain.Genesis}');
                """,
        },
    ];

    public async Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // SQLite: BEGIN IMMEDIATE, the file's one writer. PostgreSQL: the area's advisory lock, and the UPDATE below takes
        // the head row's lock as well (so even a writer that skipped the advisory lock would queue). Either way the head
        // read next is the newest and no other append can commit in between: one chain, no fork.
        await using var transaction = await connection.BeginWriteAsync(database.Dialect, Area, cancellationToken).ConfigureAwait(false);
        if (!await ClaimNextAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
        {
            // No head row. With no entries either (a database emptied table by table, as test resets and restores without
            // data do) nothing is lost by starting again at genesis; with entries left, the head was removed by hand.
            await using (var genesis = connection.Command(
                $"INSERT INTO audit_head (id, last_id, last_hash) SELECT 1, 0, @genesis WHERE NOT EXISTS (SELECT 1 FROM audit_log) {database.Dialect.InsertOrIgnore}",
                transaction).Text("@genesis", AuditChain.Genesis))
            {
                await genesis.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (!await ClaimNextAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException("the audit log's head row is missing: the metadata database was edited by hand");
            }
        }

        long id;
        string previous;
        await using (var read = connection.Command("SELECT last_id, last_hash FROM audit_head WHERE id = 1", transaction))
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
        await using (var insert = connection.Command($"""
            INSERT INTO audit_log ({Columns})
            VALUES (@id, @at, @actor, @team, @auth, @origin, @action, @kind, @object, @outcome, @status, @route, @reason, @before, @after, @previous, @hash)
            """, transaction))
        {
            insert.Int64("@id", id)
                .Text("@at", AuditChain.Timestamp(record.At))
                .Text("@actor", record.Actor.Name)
                .Text("@team", record.Actor.Team)
                .Text("@auth", record.Actor.Authentication)
                .Text("@origin", record.Origin)
                .Text("@action", record.Action)
                .Text("@kind", record.ObjectKind)
                .Text("@object", record.ObjectId)
                .Text("@outcome", record.Outcome)
                .Int64("@status", record.Status)
                .Text("@route", record.Route)
                .Text("@reason", record.Reason)
                .Text("@before", record.Before)
                .Text("@after", record.After)
                .Text("@previous", previous)
                .Text("@hash", hash);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var head = connection.Command("UPDATE audit_head SET last_hash = @hash WHERE id = 1", transaction).Text("@hash", hash))
        {
            await head.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new AuditEntry(id, record, previous, hash);
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Prefixes are compared with substr, not LIKE: no wildcards to escape, and case-sensitive on both engines (SQLite's
        // LIKE ignores case, PostgreSQL's does not), like the exact matches beside them.
        await using var command = connection.Command($"""
            SELECT {Columns} FROM audit_log
            WHERE (@since IS NULL OR at >= @since)
              AND (@actor IS NULL OR actor = @actor OR team = @actor)
              AND (@object IS NULL OR object_id = @object OR substr(object_id, 1, length(@under)) = @under OR object_kind || ':' || object_id = @object)
              AND (@action IS NULL OR action = @action OR substr(action, 1, length(@noun)) = @noun)
            ORDER BY id DESC LIMIT @max
            """);
        var objectId = Blank(query.Object);
        var action = Blank(query.Action);
        command.Text("@since", query.Since is { } since ? AuditChain.Timestamp(since) : null)
            .Text("@actor", Blank(query.Actor))
            .Text("@object", objectId)
            .Text("@under", objectId is null ? null : objectId + "/")
            .Text("@action", action)
            .Text("@noun", action is null ? null : action + ".")
            .Int64("@max", Math.Clamp(query.Max, 1, AuditQuery.MaxResults));
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
        await using var command = connection.Command($"SELECT {Columns} FROM audit_log ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Read(reader);
        }
    }

    public async Task<AuditHead> HeadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // An empty log without a head is where an append starts again at genesis (see AppendAsync); a log with entries
        // but no head reads as head -1, which verification reports.
        await using var command = connection.Command($"""
            SELECT last_id, last_hash FROM audit_head WHERE id = 1
            UNION ALL SELECT 0, @genesis WHERE NOT EXISTS (SELECT 1 FROM audit_head) AND NOT EXISTS (SELECT 1 FROM audit_log)
            """).Text("@genesis", AuditChain.Genesis);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new AuditHead(reader.GetInt64(0), reader.GetString(1))
            : new AuditHead(-1, string.Empty);
    }

    /// <summary>Advances the head's id; under PostgreSQL this takes the head row's lock. False when there is no head row.</summary>
    private static async Task<bool> ClaimNextAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var claim = connection.Command("UPDATE audit_head SET last_id = last_id + 1 WHERE id = 1", transaction);
        return await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static AuditEntry Read(DbDataReader reader)
    {
        var record = new AuditRecord(
            AuditChain.ParseTimestamp(reader.GetString(1)),
            new Actor(reader.GetString(2), reader.NullableString(3), reader.GetString(4)),
            reader.GetString(5),
            reader.GetString(6),
            reader.GetString(7),
            reader.GetString(8),
            reader.GetString(9))
        {
            // A 64-bit column on PostgreSQL, so read as Int64 on both engines.
            Status = reader.NullableInt64(10) is { } status ? checked((int)status) : null,
            Route = reader.NullableString(11),
            Reason = reader.NullableString(12),
            Before = reader.NullableString(13),
            After = reader.NullableString(14),
        };
        return new AuditEntry(reader.GetInt64(0), record, reader.GetString(15), reader.GetString(16));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
