using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;

namespace ChurnOps.Storage.Tracking;

/// <summary>
/// Writes metric points with the double bound as a binary double, never as text: SQLite's own text-to-double
/// conversion is not correctly rounded on every build and CPU (a JSON/text path changed the last bit of some values).
/// SQLite gets multi-row INSERTs of bound parameters, full chunks reusing one prepared command; PostgreSQL gets one
/// INSERT … SELECT FROM unnest() over five binary arrays, a single round trip whatever the batch size.
/// </summary>
internal sealed class MetricRows
{
    /// <summary>
    /// Rows per SQLite statement. Binding looks each parameter up by name (a linear scan in SQLite), so the cost per
    /// statement grows with the square of its parameter count; small chunks of a reused statement are faster than one big one.
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
    public async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, TrackingDialect dialect, string table, string conflictClause, long runPk, CancellationToken cancellationToken)
    {
        if (_rows.Count == 0)
        {
            return;
        }

        if (dialect.IsPostgres)
        {
            await using var arrays = TrackingSql.Command(
                connection,
                transaction,
                $"INSERT INTO {table} (run_pk, key, step, timestamp, value, is_nan) SELECT @pk, u.k, u.s, u.t, u.v, u.n FROM unnest(@k, @s, @t, @v, @n) AS u(k, s, t, v, n) {conflictClause}",
                ("@pk", runPk),
                ("@k", _rows.Select(r => r.Key).ToArray()),
                ("@s", _rows.Select(r => r.Step).ToArray()),
                ("@t", _rows.Select(r => r.Timestamp).ToArray()),
                ("@v", _rows.Select(r => r.Value).ToArray()),
                ("@n", _rows.Select(r => r.IsNaN ? 1L : 0L).ToArray()));
            await arrays.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

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

    private static DbCommand Prepare(DbConnection connection, DbTransaction transaction, string table, string conflictClause, long runPk, int rows)
    {
        var sql = new StringBuilder(64 + (rows * 40));
        sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO {table} (run_pk, key, step, timestamp, value, is_nan) VALUES ");
        for (var i = 0; i < rows; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? string.Empty : ",")}(@pk,@k{i},@s{i},@t{i},@v{i},@n{i})");
        }

        sql.Append(' ').Append(conflictClause);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql.ToString();
        Typed(command, "@pk", DbType.Int64).Value = runPk;
        for (var i = 0; i < rows; i++)
        {
            var suffix = i.ToString(CultureInfo.InvariantCulture);
            Typed(command, "@k" + suffix, DbType.String);
            Typed(command, "@s" + suffix, DbType.Int64);
            Typed(command, "@t" + suffix, DbType.Int64);
            // DbType.Double binds through sqlite3_bind_double: the exact bits, no text in between.
            Typed(command, "@v" + suffix, DbType.Double);
            Typed(command, "@n" + suffix, DbType.Int64);
        }

        return command;
    }

    private static DbParameter Typed(DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private void Bind(DbCommand command, int start, int rows)
    {
        // Parameter 0 is @pk; each row's five follow in order.
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
