using ChurnOps.Core.Alerts;
using ChurnOps.Storage.Metadata;
using System.Data.Common;

namespace ChurnOps.Storage.Alerts;

public sealed class SqlAlertStore(MetadataDatabase database) : IAlertStore, IAlertLifecycle
{
    private const string Columns = "id, type, subject, rule, measured, threshold, team, message, raised_at, cause, severity, status, evidence, runbook, status_changed_at, status_changed_by, status_note";

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
        // One open (or acked) alert per cause: the partial unique index makes the dedupe hold across processes.
        new("alerts", 2, """
            ALTER TABLE alerts ADD COLUMN cause TEXT;
            ALTER TABLE alerts ADD COLUMN severity TEXT NOT NULL DEFAULT 'warning';
            ALTER TABLE alerts ADD COLUMN status TEXT NOT NULL DEFAULT 'open';
            ALTER TABLE alerts ADD COLUMN evidence TEXT;
            ALTER TABLE alerts ADD COLUMN runbook TEXT;
            ALTER TABLE alerts ADD COLUMN status_changed_at TEXT;
            ALTER TABLE alerts ADD COLUMN status_changed_by TEXT;
            ALTER TABLE alerts ADD COLUMN status_note TEXT;
            CREATE UNIQUE INDEX ux_alerts_open_cause ON alerts(cause) WHERE cause IS NOT NULL AND status <> 'resolved';
            CREATE INDEX ix_alerts_status ON alerts(status, id);
            """),
    ];

    public async Task<Alert> AddAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Insert(connection, alert, onConflictDoNothing: false);
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return alert with { Id = id };
    }

    public async Task<(Alert Alert, bool Created)> RaiseOnceAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.Cause is null)
        {
            return (await AddAsync(alert, cancellationToken).ConfigureAwait(false), true);
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = Insert(connection, alert with { Status = AlertStatus.Open }, onConflictDoNothing: true))
        {
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long id)
            {
                return (alert with { Id = id, Status = AlertStatus.Open }, true);
            }
        }

        // The insert lost to an open alert of the same cause: that one stands.
        await using var find = connection.CreateCommand();
        find.CommandText = $"SELECT {Columns} FROM alerts WHERE cause = @cause AND status <> 'resolved' ORDER BY id DESC LIMIT 1";
        find.Value("@cause", alert.Cause);
        var existing = await ReadAllAsync(find, cancellationToken).ConfigureAwait(false);
        return existing.Count > 0 ? (existing[0], false) : throw new InvalidOperationException($"alert cause '{alert.Cause}' conflicted but no open alert holds it");
    }

    public async Task<Alert?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM alerts WHERE id = @id";
        command.Value("@id", id);
        var found = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        return found.Count > 0 ? found[0] : null;
    }

    public async Task<AlertTransition> TransitionAsync(long id, string status, string by, string? note, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(status);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Compare-and-set on the status read, so two people acking or resolving at once cannot both win.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var current = await GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return new AlertTransition(null, $"alert {id} does not exist");
            }

            if (AlertStatus.TransitionError(current.Status, status) is { } refused)
            {
                return new AlertTransition(current, $"alert {id} cannot be {status}: {refused}");
            }

            await using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE alerts SET status = @status, status_changed_at = @at, status_changed_by = @by, status_note = @note
                WHERE id = @id AND status = @from
                """;
            command.Value("@status", status);
            command.Value("@at", MetadataValues.Timestamp(at));
            command.Value("@by", by);
            command.Value("@note", note);
            command.Value("@id", id);
            command.Value("@from", current.Status);
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                return new AlertTransition(current with { Status = status, StatusChangedAt = at, StatusChangedBy = by, StatusNote = note }, null);
            }
        }

        return new AlertTransition(null, $"alert {id} kept changing while it was being {status}; try again");
    }

    public Task<IReadOnlyList<Alert>> ListAsync(string? type, int max, CancellationToken cancellationToken) => ListAsync(type, null, max, cancellationToken);

    public async Task<IReadOnlyList<Alert>> ListAsync(string? type, string? status, int max, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM alerts WHERE (@type IS NULL OR type = @type) AND (@status IS NULL OR status = @status) ORDER BY id DESC LIMIT @max";
        command.Value("@type", type);
        command.Value("@status", status);
        command.Value("@max", Math.Clamp(max, 1, 10_000));
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static DbCommand Insert(DbConnection connection, Alert alert, bool onConflictDoNothing)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO alerts (type, subject, rule, measured, threshold, team, message, raised_at, cause, severity, status, evidence, runbook)
            VALUES (@type, @subject, @rule, @measured, @threshold, @team, @message, @at, @cause, @severity, @status, @evidence, @runbook)
            {(onConflictDoNothing ? "ON CONFLICT DO NOTHING" : string.Empty)} RETURNING id
            """;
        command.Value("@type", alert.Type);
        command.Value("@subject", alert.Subject);
        command.Value("@rule", alert.Rule);
        command.Value("@measured", alert.Measured);
        command.Value("@threshold", alert.Threshold);
        command.Value("@team", alert.Team);
        command.Value("@message", alert.Message);
        command.Value("@at", MetadataValues.Timestamp(alert.RaisedAt));
        command.Value("@cause", alert.Cause);
        command.Value("@severity", alert.Severity);
        command.Value("@status", alert.Status);
        command.Value("@evidence", alert.EvidenceJson);
        command.Value("@runbook", alert.Runbook);
        return command;
    }

    private static async Task<List<Alert>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var alerts = new List<Alert>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            alerts.Add(new Alert(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7), MetadataValues.ParseTimestamp(reader.GetString(8)))
            {
                Cause = reader.IsDBNull(9) ? null : reader.GetString(9),
                Severity = reader.GetString(10),
                Status = reader.GetString(11),
                EvidenceJson = reader.IsDBNull(12) ? null : reader.GetString(12),
                Runbook = reader.IsDBNull(13) ? null : reader.GetString(13),
                StatusChangedAt = reader.IsDBNull(14) ? null : MetadataValues.ParseTimestamp(reader.GetString(14)),
                StatusChangedBy = reader.IsDBNull(15) ? null : reader.GetString(15),
                StatusNote = reader.IsDBNull(16) ? null : reader.GetString(16),
            });
        }

        return alerts;
    }
}
