using System.Data;
using System.Data.Common;
using System.Globalization;

namespace ChurnOps.Storage.Metadata;

/// <summary>
/// Typed parameter binding and reading over System.Data.Common, the same on SQLite and PostgreSQL. Every parameter gets
/// an explicit DbType so PostgreSQL knows a NULL's type, integers travel as 64-bit, doubles as binary doubles (never text),
/// booleans as 0/1 and timestamps as ISO-8601 UTC text.
/// </summary>
public static class MetadataCommands
{
    /// <summary>A command on <paramref name="connection"/> with <paramref name="sql"/>, enlisted in <paramref name="transaction"/> if any.</summary>
    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    // Typed overloads win over the object one whenever the static type is known, so a null int? binds as an integer NULL.
    public static DbCommand Value(this DbCommand command, string name, string? value) => command.Text(name, value);

    public static DbCommand Value(this DbCommand command, string name, long? value) => command.Int64(name, value);

    public static DbCommand Value(this DbCommand command, string name, int? value) => command.Int64(name, value);

    public static DbCommand Value(this DbCommand command, string name, double? value) => command.Double(name, value);

    public static DbCommand Value(this DbCommand command, string name, bool? value) => command.Boolean(name, value);

    public static DbCommand Value(this DbCommand command, string name, DateTimeOffset? value) => command.Timestamp(name, value);

    /// <summary>A NULL for a 64-bit integer column, where a value is passed untyped (<see cref="Value"/>).</summary>
    public static object NullInteger { get; } = new NullOf(DbType.Int64);

    public static DbCommand Text(this DbCommand command, string name, string? value) => command.Add(name, DbType.String, value);

    public static DbCommand Int64(this DbCommand command, string name, long? value) => command.Add(name, DbType.Int64, value);

    public static DbCommand Double(this DbCommand command, string name, double? value) => command.Add(name, DbType.Double, value);

    public static DbCommand Blob(this DbCommand command, string name, byte[]? value) => command.Add(name, DbType.Binary, value);

    public static DbCommand Boolean(this DbCommand command, string name, bool? value) => command.Add(name, DbType.Int64, value is null ? null : value.Value ? 1L : 0L);

    public static DbCommand Timestamp(this DbCommand command, string name, DateTimeOffset? value) =>
        command.Add(name, DbType.String, value is null ? null : MetadataValues.Timestamp(value.Value));

    /// <summary>
    /// A parameter typed from its value: text, 64-bit integer (also bool as 0/1), binary double, bytes or a timestamp.
    /// A null binds as a NULL text: use the typed methods (<see cref="Int64"/>, <see cref="Double"/>…) for a nullable
    /// non-text column, since PostgreSQL does not turn a text NULL into a number.
    /// </summary>
    public static DbCommand Value(this DbCommand command, string name, object? value) => value switch
    {
        null or DBNull => command.Add(name, DbType.String, null),
        NullOf typed => command.Add(name, typed.Type, null),
        string text => command.Add(name, DbType.String, text),
        long number => command.Add(name, DbType.Int64, number),
        int number => command.Add(name, DbType.Int64, (long)number),
        short number => command.Add(name, DbType.Int64, (long)number),
        double real => command.Add(name, DbType.Double, real),
        float real => command.Add(name, DbType.Double, (double)real),
        bool flag => command.Add(name, DbType.Int64, flag ? 1L : 0L),
        byte[] bytes => command.Add(name, DbType.Binary, bytes),
        DateTimeOffset at => command.Add(name, DbType.String, MetadataValues.Timestamp(at)),
        _ => throw new ArgumentException($"no metadata column type for {value.GetType().Name} (parameter {name})", nameof(value)),
    };

    /// <summary>
    /// A transaction for a read-then-write step. SQLite: BEGIN IMMEDIATE (the file's one writer). PostgreSQL: read
    /// committed plus a transaction advisory lock on <paramref name="area"/>, so the writers of one area take turns as
    /// they do on SQLite and none has to retry a serialization failure.
    /// </summary>
    public static async Task<DbTransaction> BeginWriteAsync(this DbConnection connection, MetadataDialect dialect, string area, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);
        if (!dialect.MigratesUnderAdvisoryLock)
        {
            return await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        }

        var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var lockCommand = connection.Command("SELECT pg_advisory_xact_lock(@key)", transaction).Int64("@key", AreaLockKey(area));
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public static async Task<long> ScalarInt64Async(this DbCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    public static async Task<long?> ScalarNullableInt64Async(this DbCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    public static string? NullableString(this DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    public static long? NullableInt64(this DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
    }

    public static double? NullableDouble(this DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
    }

    /// <summary>A 0/1 integer column as a boolean.</summary>
    public static bool GetBooleanInt(this DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.GetInt64(ordinal) != 0;
    }

    public static DateTimeOffset GetTimestamp(this DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return MetadataValues.ParseTimestamp(reader.GetString(ordinal));
    }

    public static DateTimeOffset? NullableTimestamp(this DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : MetadataValues.ParseTimestamp(reader.GetString(ordinal));
    }

    /// <summary>A stable 64-bit key per area name (FNV-1a), distinct from the migration lock's.</summary>
    internal static long AreaLockKey(string area)
    {
        ArgumentException.ThrowIfNullOrEmpty(area);
        var hash = 14695981039346656037UL;
        foreach (var c in "churnops-area:" + area)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }

    private sealed record NullOf(DbType Type);

    private static DbCommand Add(this DbCommand command, string name, DbType type, object? value)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }
}
