using System.Globalization;
using ChurnOps.Core.Quality;
using ChurnOps.Core.Warehouse;
using Npgsql;

namespace ChurnOps.Storage.Warehouse.Postgres;

/// <summary>
/// Measures a contract's sql quality query on PostgreSQL. The token check (<see cref="ReadOnlySqlGuard"/>) first; then
/// the query runs inside a savepoint of the caller's transaction with <c>transaction_read_only</c> and a
/// <c>statement_timeout</c> set locally, so the server itself refuses any write, and rolling back to the savepoint
/// undoes both settings (the caller's transaction keeps writing afterwards). One statement only: the extended protocol
/// with a parameterless single command is sent as such, and the guard has already refused a second one.
/// </summary>
public static class PostgresReadOnlyQuery
{
    /// <summary>How long a quality query may run before the server stops it.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task<NumberQueryResult> MeasureAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(sql);
        var problems = ReadOnlySqlGuard.Check(sql);
        if (problems.Count > 0)
        {
            return NumberQueryResult.Failed("query refused: " + string.Join("; ", problems));
        }

        var limit = timeout ?? DefaultTimeout;
        const string Savepoint = "churnops_quality_query";
        await transaction.SaveAsync(Savepoint, ct).ConfigureAwait(false);
        try
        {
            var milliseconds = ((long)limit.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            await using (var settings = new NpgsqlCommand($"SET LOCAL transaction_read_only = on; SET LOCAL statement_timeout = {milliseconds}", connection, transaction))
            {
                await settings.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await using var command = new NpgsqlCommand(sql.Trim().TrimEnd(';'), connection, transaction);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await NumberQueryReader.ReadAsync(reader, ct).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.QueryCanceled)
        {
            return NumberQueryResult.Failed($"the query ran longer than {limit.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s and was stopped");
        }
        catch (PostgresException ex)
        {
            return NumberQueryResult.Failed((ex.SqlState == PostgresErrorCodes.ReadOnlySqlTransaction ? "query refused: " : "the query failed: ") + ex.MessageText);
        }
        finally
        {
            if (!connection.FullState.HasFlag(System.Data.ConnectionState.Broken))
            {
                await transaction.RollbackAsync(Savepoint, CancellationToken.None).ConfigureAwait(false);
                await transaction.ReleaseAsync(Savepoint, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

}
