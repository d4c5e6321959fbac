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

    public static DbCommand Text(this DbCommand command, string name, string? value) => command.Add(name, DbType.String, value);

    public static DbCommand Int64(this DbCommand command, string name, long? value) => command.Add(name, DbType.Int64, value);

    public static DbCommand Double(this DbCommand command, string name, double? value) => command.Add(name, DbType.Double, value);

    public static DbCommand Blob(this DbCommand command, string name, byte[]? value) => command.Add(name, DbType.Binary, value);

    public static DbCommand Boolean(this DbCommand command, string name, bool? value) => command.Add(name, DbType.Int64, value is null ? null : value.Value ? 1L : 0L);

    public static DbCommand Timestamp(this DbCommand command, string name, DateTimeOffset? value) =>
        command.Add(name, DbType.String, value is null ? null : MetadataValues.Timestamp(value.Value));

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
