using ChurnOps.Core.Events;
using ChurnOps.Storage.Metadata;

namespace ChurnOps.Storage.Events;

/// <summary>The event outbox in the metadata database; ids are monotonic so readers keep a cursor.</summary>
public sealed class SqliteEventLog(SqliteMetadataDatabase database, TimeProvider time) : IEventLog
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
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO events (type, subject, payload, occurred_at) VALUES ($type, $subject, $payload, $at) RETURNING id";
        command.Parameters.AddWithValue("$type", type);
        command.Parameters.AddWithValue("$subject", subject ?? string.Empty);
        command.Parameters.AddWithValue("$payload", payloadJson ?? "{}");
        command.Parameters.AddWithValue("$at", SqliteValues.Timestamp(now));
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return new DomainEvent(id, type, subject ?? string.Empty, payloadJson ?? "{}", now);
    }

    public async Task<IReadOnlyList<DomainEvent>> ReadAfterAsync(long afterId, int max, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, type, subject, payload, occurred_at FROM events WHERE id > $after ORDER BY id LIMIT $max";
        command.Parameters.AddWithValue("$after", afterId);
        command.Parameters.AddWithValue("$max", Math.Clamp(max, 1, 10_000));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<DomainEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new DomainEvent(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), SqliteValues.ParseTimestamp(reader.GetString(4))));
        }

        return events;
    }
}
