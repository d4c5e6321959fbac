using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using ChurnOps.Core.Features;
using ChurnOps.Storage.Metadata;
using Microsoft.Data.Sqlite;

namespace ChurnOps.Storage.Features;

/// <summary>
/// The embedded online store: one SQLite file (WAL), one row per (view, entity) holding the latest values as a JSON
/// object. A lookup is one primary-key probe on a pooled connection.
/// </summary>
public sealed class SqliteOnlineStore : IOnlineStore
{
    private const int MaxPooledProbes = 64;
    private readonly string _connectionString;

    // Lookups reuse open connections with the statement already prepared: no open, no parse on the hot path.
    private readonly ConcurrentQueue<Probe> _probes = new();

    private SqliteOnlineStore(string connectionString) => _connectionString = connectionString;

    public static async Task<SqliteOnlineStore> OpenAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var store = new SqliteOnlineStore(SqliteFiles.ConnectionString(path));
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var create = connection.CreateCommand();
        create.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS online_features (
                view TEXT NOT NULL,
                entity TEXT NOT NULL,
                version TEXT NOT NULL,
                event_ts INTEGER NOT NULL,
                payload TEXT NOT NULL,
                PRIMARY KEY (view, entity)) WITHOUT ROWID;
            """;
        await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }

    public async Task WriteAsync(string view, IReadOnlyList<OnlineFeatureRecord> records, bool replaceView, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(view);
        ArgumentNullException.ThrowIfNull(records);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (replaceView)
        {
            await using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM online_features WHERE view = $view";
            delete.Parameters.AddWithValue("$view", view);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        // An older row never replaces a newer one of the same version; a new version always wins.
        upsert.CommandText = """
            INSERT INTO online_features (view, entity, version, event_ts, payload) VALUES ($view, $entity, $version, $ts, $payload)
            ON CONFLICT(view, entity) DO UPDATE SET version = excluded.version, event_ts = excluded.event_ts, payload = excluded.payload
            WHERE excluded.event_ts >= online_features.event_ts OR excluded.version <> online_features.version
            """;
        var pView = upsert.Parameters.Add("$view", SqliteType.Text);
        var pEntity = upsert.Parameters.Add("$entity", SqliteType.Text);
        var pVersion = upsert.Parameters.Add("$version", SqliteType.Text);
        var pTs = upsert.Parameters.Add("$ts", SqliteType.Integer);
        var pPayload = upsert.Parameters.Add("$payload", SqliteType.Text);
        await upsert.PrepareAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new ArrayBufferWriter<byte>(512);
        foreach (var record in records)
        {
            if (!string.Equals(record.View, view, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Record for view '{record.View}' passed with view '{view}'.", nameof(records));
            }

            pView.Value = view;
            pEntity.Value = record.EntityKey;
            pVersion.Value = record.Version;
            pTs.Value = (record.EventTimestamp.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
            pPayload.Value = Encode(record.Values, buffer);
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<OnlineFeatureRecord?> ReadAsync(string view, string entityKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(entityKey);
        var probe = _probes.TryDequeue(out var pooled) ? pooled : await OpenProbeAsync(cancellationToken).ConfigureAwait(false);
        var healthy = false;
        try
        {
            probe.View.Value = view;
            probe.Entity.Value = entityKey;
            OnlineFeatureRecord? record = null;
            await using (var reader = await probe.Command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var timestamp = DateTimeOffset.UnixEpoch.AddTicks(reader.GetInt64(1) * 10);
                    record = new OnlineFeatureRecord(view, reader.GetString(0), entityKey, timestamp, Decode(reader.GetString(2)));
                }
            }

            healthy = true;
            return record;
        }
        finally
        {
            if (healthy && _probes.Count < MaxPooledProbes)
            {
                _probes.Enqueue(probe);
            }
            else
            {
                await probe.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public async Task<long> CountAsync(string view, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM online_features WHERE view = $view";
        command.Parameters.AddWithValue("$view", view);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private async Task<Probe> OpenProbeAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var command = connection.CreateCommand();
        command.CommandText = "SELECT version, event_ts, payload FROM online_features WHERE view = $view AND entity = $entity";
        var view = command.Parameters.Add("$view", SqliteType.Text);
        var entity = command.Parameters.Add("$entity", SqliteType.Text);
        view.Value = string.Empty;
        entity.Value = string.Empty;
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        return new Probe(connection, command, view, entity);
    }

    private static string Encode(IReadOnlyDictionary<string, object?> values, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in values)
            {
                switch (value)
                {
                    case null:
                        writer.WriteNull(name);
                        break;
                    case double d when double.IsFinite(d):
                        writer.WriteNumber(name, d);
                        break;
                    case double:
                        writer.WriteNull(name);
                        break;
                    case string s:
                        writer.WriteString(name, s);
                        break;
                    default:
                        writer.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
                        break;
                }
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static Dictionary<string, object?> Decode(string payload)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(payload));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            values[name] = reader.TokenType switch
            {
                JsonTokenType.Number => reader.GetDouble(),
                JsonTokenType.String => reader.GetString(),
                _ => null,
            };
        }

        return values;
    }

    private sealed record Probe(SqliteConnection Connection, SqliteCommand Command, SqliteParameter View, SqliteParameter Entity) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Command.DisposeAsync().ConfigureAwait(false);
            await Connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
