using System.Data.Common;
using System.Globalization;
using ChurnOps.Core.Data;
using ChurnOps.Core.Warehouse;
using DuckDB.NET.Data;

namespace ChurnOps.Storage.Warehouse;

/// <summary>
/// The embedded warehouse: one DuckDB file. DuckDB.NET shares one database instance between the connections a
/// process opens on the same file, so a connection per operation is cheap and thread-safe. DuckDB lets one process
/// write a file, or several read it, never both: a read-only warehouse opens nothing until a query needs it, and a
/// lock held by another process surfaces as <see cref="WarehouseInUseException"/> naming the holder where known.
/// </summary>
public sealed class DuckDbWarehouse : IWarehouse, IReadOnlyQueries
{
    public static readonly IReadOnlyList<string> StandardSchemas = WarehouseSchemas.Standard;

    private readonly string _connectionString;

    private DuckDbWarehouse(string path, bool readOnly)
    {
        Path = path;
        ReadOnly = readOnly;
        // file_search_path: relative file paths in queries (the raw views name kept input files as raw/<sha256>.csv)
        // resolve against the warehouse file's folder, so a project moved or mounted elsewhere still reads its raw layer.
        // A database setting, so it is given once with the file rather than set on every connection.
        var builder = new DbConnectionStringBuilder { ["Data Source"] = path, ["file_search_path"] = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? "." };
        if (readOnly)
        {
            builder["ACCESS_MODE"] = "READ_ONLY";
        }

        _connectionString = builder.ConnectionString;
    }

    public string Path { get; }

    public IWarehouseDialect Dialect { get; } = new DuckDbWarehouseDialect();

    /// <summary>True when opened for reading only: it never takes the writer lock, and writes fail.</summary>
    public bool ReadOnly { get; }

    /// <summary>A read-only view of the warehouse; no file is opened until a query runs.</summary>
    public static DuckDbWarehouse OpenReadOnly(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new DuckDbWarehouse(path, readOnly: true);
    }

    public static async Task<DuckDbWarehouse> OpenAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var warehouse = new DuckDbWarehouse(path, readOnly: false);
        var statements = StandardSchemas.Select(s => $"CREATE SCHEMA IF NOT EXISTS {SqlIdentifier.Quote(s)};").ToArray();
        await warehouse.ExecuteInTransactionAsync(statements, cancellationToken).ConfigureAwait(false);
        return warehouse;
    }

    public async Task<DuckDBConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        // A read-only open of a file that does not exist yet fails in DuckDB; an empty in-memory catalog answers the same questions.
        var connection = new DuckDBConnection(ReadOnly && !File.Exists(Path) ? "Data Source=:memory:" : _connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (DuckDBException ex) when (IsLockConflict(ex))
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new WarehouseInUseException(InUseMessage(Path), ex);
        }
    }

    /// <summary>
    /// Takes the writer lock for as long as the lease lives (one open connection keeps DuckDB's database instance, and
    /// so the file lock, in this process) and records the holder in <c>warehouse.owner</c> for the error others see.
    /// </summary>
    public async Task<IAsyncDisposable> HoldAsync(string command, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (ReadOnly)
        {
            throw new InvalidOperationException("a read-only warehouse cannot hold the writer lock");
        }

        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var owner = new WarehouseOwner(Environment.ProcessId, command, time.GetUtcNow(), Environment.MachineName);
        try
        {
            owner.Write(Path);
        }
        catch (IOException)
        {
            // The owner file is advice for other processes' messages; the lock itself is DuckDB's.
        }

        return new WarehouseLease(this, connection, owner);
    }

    /// <summary>Rewrites the warehouse into a fresh file and swaps it in: space left by dropped tables or an aborted load goes back to the disk.</summary>
    public async Task<(long Before, long After)> CompactAsync(CancellationToken cancellationToken)
    {
        if (ReadOnly)
        {
            throw new InvalidOperationException("a read-only warehouse cannot be compacted");
        }

        var before = new FileInfo(Path).Length;
        var fresh = Path + ".compact";
        File.Delete(fresh);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        string database;
        await using (var name = connection.CreateCommand())
        {
            // The attached file's catalog is named after the file (warehouse), not "main".
            name.CommandText = "SELECT current_database()";
            database = Convert.ToString(await name.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture)!;
        }

        foreach (var sql in new[] { "CHECKPOINT", $"ATTACH {SqlIdentifier.Literal(fresh)} AS churnops_compact", $"COPY FROM DATABASE {SqlIdentifier.Quote(database)} TO churnops_compact", "DETACH churnops_compact" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // Swapped while this process still holds the lock, so no other process can open the old file in between; the
        // checkpoint above emptied the write-ahead log, which must not be replayed onto the new file.
        File.Delete(Path + ".wal");
        File.Move(fresh, Path, overwrite: true);
        return (before, new FileInfo(Path).Length);
    }

    internal static bool IsLockConflict(DuckDBException ex) => ex.Message.Contains("lock", StringComparison.OrdinalIgnoreCase);

    internal static string InUseMessage(string path) => WarehouseOwner.TryRead(path) is { } owner && owner.MayBeAlive()
        ? $"{path}: the warehouse is in use by {owner.Describe()}; wait for it to finish or stop it"
        : $"{path}: the warehouse is in use by another process (a 'churnops serve' or another command on this project); wait for it to finish or stop it";

    public Task ExecuteAsync(string sql, CancellationToken cancellationToken) => ExecuteInTransactionAsync([sql], cancellationToken);

    public async Task ExecuteInTransactionAsync(IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statements);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await RunAndCommitAsync(connection, transaction, statements, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the statements in order inside <paramref name="transaction"/>, then commits it.</summary>
    internal static async Task RunAndCommitAsync(DuckDBConnection connection, DbTransaction transaction, IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        foreach (var sql in statements)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = (DuckDBTransaction)transaction;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    public async Task<TabularData> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await WarehouseResults.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks and runs a contract's query in a transaction that is always rolled back, so it cannot leave a change behind.</summary>
    public async Task<NumberQueryResult> QueryNumberAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await DuckDbReadOnlyQuery.MeasureAsync(connection, (DuckDBTransaction)transaction, sql, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async Task<bool> TableExistsAsync(string schema, string table, CancellationToken cancellationToken)
    {
        var sql = $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = {SqlIdentifier.Literal(schema)} AND table_name = {SqlIdentifier.Literal(table)}";
        var count = await ScalarAsync(sql, cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(count, CultureInfo.InvariantCulture) > 0;
    }

    public async Task<IReadOnlyList<WarehouseColumn>> DescribeAsync(string schema, string table, CancellationToken cancellationToken)
    {
        var sql = $"SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = {SqlIdentifier.Literal(schema)} AND table_name = {SqlIdentifier.Literal(table)} ORDER BY ordinal_position";
        var data = await QueryAsync(sql, cancellationToken).ConfigureAwait(false);
        var result = new List<WarehouseColumn>(data.RowCount);
        for (var i = 0; i < data.RowCount; i++)
        {
            result.Add(new WarehouseColumn(data["column_name"].Texts![i]!, data["data_type"].Texts![i]!, data["is_nullable"].Texts![i] == "YES"));
        }

        return result;
    }
}
