using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ChurnOps.Storage.Tracking;

/// <summary>
/// Sends a whole batch of rows to SQLite as one JSON array bound to one parameter, unpacked with json_each in a single
/// INSERT … SELECT. Per-statement and per-parameter overhead, not I/O, dominates small inserts, so one statement per
/// table is what keeps a batch in single-digit milliseconds. Only text goes this way: a double would be parsed back by
/// SQLite's text-to-double conversion, which is not correctly rounded everywhere (metrics use <see cref="MetricRows"/>).
/// </summary>
internal sealed class JsonRows : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private readonly Utf8JsonWriter _writer;

    public JsonRows()
    {
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
        _writer.WriteStartArray();
    }

    public int Count { get; private set; }

    public JsonRows Row(string key, string value)
    {
        _writer.WriteStartArray();
        _writer.WriteStringValue(key);
        _writer.WriteStringValue(value);
        _writer.WriteEndArray();
        Count++;
        return this;
    }

    /// <summary>Runs <paramref name="sql"/> with $pk and $rows bound; the SQL reads rows with json_each($rows).</summary>
    public async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, long runPk, CancellationToken cancellationToken)
    {
        if (Count == 0)
        {
            return 0;
        }

        _writer.WriteEndArray();
        _writer.Flush();
        await using var command = TrackingSql.Command(connection, transaction, sql, ("$pk", runPk), ("$rows", Encoding.UTF8.GetString(_buffer.WrittenSpan)));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _writer.Dispose();
}
