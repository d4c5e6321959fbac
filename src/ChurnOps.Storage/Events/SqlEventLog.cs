using ChurnOps.Core.Events;
using ChurnOps.Storage.Metadata;

namespace ChurnOps.Storage.Events;

/// <summary>The event outbox in the metadata database (SQLite or PostgreSQL); ids are monotonic so readers keep a cursor.</summary>
public sealed class SqlEventLog(MetadataDatabase database, TimeProvider time) : IEventLog
{
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new("events", 1, """
            CREATE TABLE events (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                type TEXT NOT NULL,
                subject TEXT NOT NULL,
                payload TEXT NOT NULL,
                occurred_at TEXT NOT NULL);
            CREATE INDEX ix_events_type ON events(type, id);
            """),
    ];

    public async Task<DomainEvent> AppendAsync(string type, string subject, string payloadJson, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Readers keep a cursor on the id: appends take turns so ids become visible in order (on PostgreSQL a sequence
        // hands out ids at insert, and a later id could otherwise commit first and be skipped by a reader).
        await using var transaction = await connection.BeginWriteAsync(database.Dialect, "events", cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO events (type, subject, payload, occurred_at) VALUES (@type, @subject, @payload, @at) RETURNING id";
        command.Value("@type", type);
        command.Value("@subject", subject ?? string.Empty);
        command.Value("@payload", payloadJson ?? "{}");
        command.Value("@at", MetadataValues.Timestamp(now));
        var id = await command.ScalarInt64Async(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new DomainEvent(id, type, subject ?? string.Empty, payloadJson ?? "{}", now);
    }

    public async Task<IReadOnlyList<DomainEvent>> ReadAfterAsync(long afterId, int max, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, type, subject, payload, occurred_at FROM events WHERE id > @after ORDER BY id LIMIT @max";
        command.Value("@after", afterId);
        command.Value("@max", Math.Clamp(max, 1, 10_000));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<DomainEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new DomainEvent(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), MetadataValues.ParseTimestamp(reader.GetString(4))));
        }

        return events;
    }
}
