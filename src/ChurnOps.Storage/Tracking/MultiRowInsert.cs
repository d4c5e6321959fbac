using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace ChurnOps.Storage.Tracking;

/// <summary>
/// Writes many rows with few statements: "INSERT … VALUES (…),(…),…" in chunks, all values bound as parameters.
/// Per-statement overhead, not I/O, dominates small inserts in SQLite, so this is what keeps a 500-metric batch cheap.
/// </summary>
internal static class MultiRowInsert
{
    private const int RowsPerStatement = 200;

    /// <param name="head">The statement up to VALUES, e.g. "INSERT INTO t (run_pk, key, value) VALUES".</param>
    /// <param name="tail">Anything after the rows, e.g. an ON CONFLICT clause.</param>
    /// <param name="rows">Per-row values after the run key; the run key is bound once as $pk and leads every row.</param>
    public static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string head, string tail, long runPk, IReadOnlyList<object[]> rows, CancellationToken cancellationToken)
    {
        for (var start = 0; start < rows.Count; start += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, rows.Count - start);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.Parameters.AddWithValue("$pk", runPk);
            var sql = new StringBuilder(head.Length + tail.Length + (count * 40)).Append(head).Append(' ');
            for (var r = 0; r < count; r++)
            {
                var values = rows[start + r];
                sql.Append(r == 0 ? "($pk" : ",($pk");
                for (var c = 0; c < values.Length; c++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"$v{r}_{c}");
                    sql.Append(',').Append(name);
                    command.Parameters.AddWithValue(name, values[c] ?? DBNull.Value);
                }

                sql.Append(')');
            }

            command.CommandText = sql.Append(' ').Append(tail).ToString();
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
