using ChurnOps.Core.Alerts;
using ChurnOps.Storage.Metadata;

namespace ChurnOps.Storage.Alerts;

public sealed class SqliteAlertStore(SqliteMetadataDatabase database) : IAlertStore
{
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new("alerts", 1, """
            CREATE TABLE alerts (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                type TEXT NOT NULL,
                subject TEXT NOT NULL,
                rule TEXT NOT NULL,
                measured TEXT NOT NULL,
                threshold TEXT NOT NULL,
                team TEXT NOT NULL,
                message TEXT NOT NULL,
                raised_at TEXT NOT NULL);
            CREATE INDEX ix_alerts_type ON alerts(type, id);
            """),
    ];

    public async Task<Alert> AddAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO alerts (type, subject, rule, measured, threshold, team, message, raised_at)
            VALUES ($type, $subject, $rule, $measured, $threshold, $team, $message, $at) RETURNING id
            """;
        command.Parameters.AddWithValue("$type", alert.Type);
        command.Parameters.AddWithValue("$subject", alert.Subject);
        command.Parameters.AddWithValue("$rule", alert.Rule);
        command.Parameters.AddWithValue("$measured", alert.Measured);
        command.Parameters.AddWithValue("$threshold", alert.Threshold);
        command.Parameters.AddWithValue("$team", alert.Team);
        command.Parameters.AddWithValue("$message", alert.Message);
        command.Parameters.AddWithValue("$at", SqliteValues.Timestamp(alert.RaisedAt));
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return alert with { Id = id };
    }

    public async Task<IReadOnlyList<Alert>> ListAsync(string? type, int max, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, type, subject, rule, measured, threshold, team, message, raised_at FROM alerts WHERE ($type IS NULL OR type = $type) ORDER BY id DESC LIMIT $max";
        command.Parameters.AddWithValue("$type", (object?)type ?? DBNull.Value);
        command.Parameters.AddWithValue("$max", Math.Clamp(max, 1, 10_000));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var alerts = new List<Alert>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            alerts.Add(new Alert(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7), SqliteValues.ParseTimestamp(reader.GetString(8))));
        }

        return alerts;
    }
}
