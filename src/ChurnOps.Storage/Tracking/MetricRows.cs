using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace ChurnOps.Storage.Tracking;

/// <summary>
/// Writes metric points with multi-row INSERTs whose values are bound parameters: the double goes to SQLite as a
/// REAL through sqlite3_bind_double, never as text, because SQLite's own text-to-double conversion is not correctly
/// rounded on every build and CPU (a JSON/text path changed the last bit of some values). Full chunks reuse one
/// prepared command, so a 500-point batch is a handful of statement steps in the caller's transaction.
/// </summary>
internal sealed class MetricRows
{
    /// <summary>
    /// Rows per statement. Binding looks each parameter up by name (a linear scan in SQLite), so the cost per statement
    /// grows with the square of its parameter count; small chunks of a reused statement are faster than one big one.
    /// </summary>
    private const int RowsPerStatement = 16;

    private readonly List<(string Key, long Step, long Timestamp, double Value, bool IsNaN)> _rows = [];

    public int Count => _rows.Count;

    public MetricRows Row(string key, long step, long timestamp, double storedValue, bool isNaN)
    {
        _rows.Add((key, step, timestamp, storedValue, isNaN));
        return this;
    }

    /// <summary>
    /// Inserts every row into <paramref name="table"/> (run_pk, key, step, timestamp, value, is_nan), ending each
    /// statement with <paramref name="conflictClause"/>.
    /// </summary>
    public async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string table, string conflictClause, long runPk, CancellationToken cancellationToken)
    {
        var full = _rows.Count / RowsPerStatement;
        if (full > 0)
        {
            await using var command = Prepare(connection, transaction, table, conflictClause, runPk, RowsPerStatement);
            for (var chunk = 0; chunk < full; chunk++)
            {
                Bind(command, chunk * RowsPerStatement, RowsPerStatement);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        var rest = _rows.Count - (full * RowsPerStatement);
        if (rest > 0)
        {
            await using var command = Prepare(connection, transaction, table, conflictClause, runPk, rest);
            Bind(command, full * RowsPerStatement, rest);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string table, string conflictClause, long runPk, int rows)
    {
        var sql = new StringBuilder(64 + (rows * 40));
        sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO {table} (run_pk, key, step, timestamp, value, is_nan) VALUES ");
        for (var i = 0; i < rows; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? string.Empty : ",")}($pk,$k{i},$s{i},$t{i},$v{i},$n{i})");
        }

        sql.Append(' ').Append(conflictClause);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql.ToString();
        command.Parameters.Add("$pk", SqliteType.Integer).Value = runPk;
        for (var i = 0; i < rows; i++)
        {
            var suffix = i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.Add("$k" + suffix, SqliteType.Text);
            command.Parameters.Add("$s" + suffix, SqliteType.Integer);
            command.Parameters.Add("$t" + suffix, SqliteType.Integer);
            command.Parameters.Add("$v" + suffix, SqliteType.Real);
            command.Parameters.Add("$n" + suffix, SqliteType.Integer);
        }

        return command;
    }

    private void Bind(SqliteCommand command, int start, int rows)
    {
        // Parameter 0 is $pk; each row's five follow in order.
        var parameters = command.Parameters;
        for (var i = 0; i < rows; i++)
        {
            var (key, step, timestamp, value, isNaN) = _rows[start + i];
            var at = 1 + (i * 5);
            parameters[at].Value = key;
            parameters[at + 1].Value = step;
            parameters[at + 2].Value = timestamp;
            parameters[at + 3].Value = value;
            parameters[at + 4].Value = isNaN ? 1L : 0L;
        }
    }
}
