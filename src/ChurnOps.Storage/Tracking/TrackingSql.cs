using System.Globalization;
using ChurnOps.Core.Tracking;
using ChurnOps.Storage.Metadata;
using Microsoft.Data.Sqlite;

namespace ChurnOps.Storage.Tracking;

/// <summary>Small shared pieces of the tracking stores' ADO.NET code.</summary>
internal static class TrackingSql
{
    /// <summary>MLflow's SQL store keeps ±Inf as ±double.MaxValue (its databases cannot hold Inf); we return the same values.</summary>
    public static (double Stored, bool IsNaN) Encode(double value) =>
        double.IsNaN(value) ? (0d, true)
        : double.IsPositiveInfinity(value) ? (double.MaxValue, false)
        : double.IsNegativeInfinity(value) ? (double.MinValue, false)
        : (value, false);

    public static double Decode(double stored, bool isNaN) => isNaN ? double.NaN : stored;

    public static long NowMillis(TimeProvider time) => time.GetUtcNow().ToUnixTimeMilliseconds();

    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    /// <summary>
    /// A connection for page-sized reads. The file is memory-mapped (256 MiB window), so the many B-tree probes of a
    /// 1,000-run page read the OS page cache directly instead of through SQLite's small default (2 MiB) cache and one
    /// read() call per page. The setting stays with the pooled connection and SQLite remaps only when it changes.
    /// </summary>
    public static async Task<SqliteConnection> OpenForReadsAsync(SqliteMetadataDatabase database, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "PRAGMA mmap_size=268435456", cancellationToken).ConfigureAwait(false);
        return connection;
    }

    public static bool TryParseExperimentId(string? experimentId, out long id) =>
        long.TryParse(experimentId, NumberStyles.None, CultureInfo.InvariantCulture, out id);

    public static string FormatId(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Begins a write transaction that takes the lock at once (BEGIN IMMEDIATE), so read-then-write checks cannot race.</summary>
    public static async Task<SqliteTransaction> BeginWriteAsync(SqliteConnection connection, CancellationToken cancellationToken) =>
        (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);

    /// <summary>The run's internal key and state, or an MLflow-style not-found error.</summary>
    public static async Task<(long RunPk, string LifecycleStage, string Status, TrackingError? Error)> FindRunAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string? runId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(runId))
        {
            return (0, string.Empty, string.Empty, TrackingError.Invalid("Missing value for required parameter 'run_id'."));
        }

        await using var command = Command(connection, transaction, "SELECT run_pk, lifecycle_stage, status FROM tracking_runs WHERE run_id = $id", ("$id", runId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return (0, string.Empty, string.Empty, TrackingError.NotFound($"Run with id={runId} not found"));
        }

        return (reader.GetInt64(0), reader.GetString(1), reader.GetString(2), null);
    }

    /// <summary>Like <see cref="FindRunAsync"/>, but a deleted run is an error too: MLflow refuses writes to it.</summary>
    public static async Task<(long RunPk, TrackingError? Error)> FindActiveRunAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string? runId, CancellationToken cancellationToken)
    {
        var (pk, stage, _, error) = await FindRunAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return (0, error);
        }

        return stage == LifecycleStage.Active
            ? (pk, null)
            : (0, TrackingError.Invalid($"The run {runId} must be in the 'active' state. Current state is {stage}."));
    }

    /// <summary>Translates an SQL LIKE pattern to GLOB, which is case-sensitive in SQLite as LIKE is in MLflow.</summary>
    public static string LikeToGlob(string pattern)
    {
        var builder = new System.Text.StringBuilder(pattern.Length + 8);
        foreach (var c in pattern)
        {
            builder.Append(c switch
            {
                '%' => "*",
                '_' => "?",
                '*' => "[*]",
                '?' => "[?]",
                '[' => "[[]",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }
}
