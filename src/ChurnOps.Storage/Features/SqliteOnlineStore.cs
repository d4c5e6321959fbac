using System.Buffers;
using System.Globalization;
using System.Text.Json;
using ChurnOps.Core.Features;
using Microsoft.Data.Sqlite;

namespace ChurnOps.Storage.Features;

/// <summary>
/// The embedded online store: one SQLite file (WAL), one row per (view, entity) holding the latest values as a JSON
/// object. A lookup is one primary-key probe on a pooled connection.
/// </summary>
public sealed class SqliteOnlineStore : IOnlineStore
{
    private readonly string _connectionString;

    private SqliteOnlineStore(string connectionString) => _connectionString = connectionString;

    public static async Task<SqliteOnlineStore> OpenAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        };
        var store = new SqliteOnlineStore(builder.ToString());
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
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, event_ts, payload FROM online_features WHERE view = $view AND entity = $entity";
        command.Parameters.AddWithValue("$view", view);
        command.Parameters.AddWithValue("$entity", entityKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var micros = reader.GetInt64(1);
        var timestamp = DateTimeOffset.UnixEpoch.AddTicks(micros * 10);
        return new OnlineFeatureRecord(view, reader.GetString(0), entityKey, timestamp, Decode(reader.GetString(2)));
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
}
