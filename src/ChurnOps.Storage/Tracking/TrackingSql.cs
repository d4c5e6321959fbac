using System.Data.Common;
using System.Globalization;
using ChurnOps.Core.Tracking;
using ChurnOps.Storage.Metadata;

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

    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            Add(command, name, value);
        }

        return command;
    }

    /// <summary>Binds one parameter by its CLR type: a double goes as a binary double on both engines, never through text.</summary>
    public static DbParameter Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    /// <summary>
    /// A connection for page-sized reads. On SQLite the file is memory-mapped (256 MiB window), so the many B-tree
    /// probes of a 1,000-run page read the OS page cache directly instead of through SQLite's small default (2 MiB)
    /// cache and one read() call per page. The setting stays with the pooled connection and SQLite remaps only when it changes.
    /// </summary>
    public static async Task<DbConnection> OpenForReadsAsync(MetadataDatabase database, TrackingDialect dialect, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (dialect.ReadTuning is { } tuning)
        {
            await ExecuteAsync(connection, null, tuning, cancellationToken).ConfigureAwait(false);
        }

        return connection;
    }

    public static bool TryParseExperimentId(string? experimentId, out long id) =>
        long.TryParse(experimentId, NumberStyles.None, CultureInfo.InvariantCulture, out id);

    public static string FormatId(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Begins a write transaction. SQLite takes the database's write lock at once (BEGIN IMMEDIATE), so read-then-write
    /// checks cannot race; on PostgreSQL the reads that guard a write lock their rows (<see cref="TrackingDialect.ForUpdate"/>).
    /// </summary>
    public static async Task<DbTransaction> BeginWriteAsync(DbConnection connection, TrackingDialect dialect, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(dialect.WriteIsolation, cancellationToken).ConfigureAwait(false);

    /// <summary>The run's internal key and state, or an MLflow-style not-found error.</summary>
    /// <remarks>Inside a write transaction the run's row stays locked until commit, so a concurrent delete or a batch to the same run waits.</remarks>
    public static async Task<(long RunPk, string LifecycleStage, string Status, TrackingError? Error)> FindRunAsync(
        DbConnection connection, DbTransaction? transaction, TrackingDialect dialect, string? runId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(runId))
        {
            return (0, string.Empty, string.Empty, TrackingError.Invalid("Missing value for required parameter 'run_id'."));
        }

        await using var command = Command(connection, transaction, "SELECT run_pk, lifecycle_stage, status FROM tracking_runs WHERE run_id = @id" + (transaction is null ? string.Empty : dialect.ForUpdate), ("@id", runId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return (0, string.Empty, string.Empty, TrackingError.NotFound($"Run with id={runId} not found"));
        }

        return (reader.GetInt64(0), reader.GetString(1), reader.GetString(2), null);
    }

    /// <summary>Like <see cref="FindRunAsync"/>, but a deleted run is an error too: MLflow refuses writes to it.</summary>
    public static async Task<(long RunPk, TrackingError? Error)> FindActiveRunAsync(
        DbConnection connection, DbTransaction? transaction, TrackingDialect dialect, string? runId, CancellationToken cancellationToken)
    {
        var (pk, stage, _, error) = await FindRunAsync(connection, transaction, dialect, runId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return (0, error);
        }

        return stage == LifecycleStage.Active
            ? (pk, null)
            : (0, TrackingError.Invalid($"The run {runId} must be in the 'active' state. Current state is {stage}."));
    }
}
