using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ChurnOps.Storage.Metadata;

/// <summary>
/// The embedded metadata database: one SQLite file in WAL mode so readers never block the writer.
/// Migrations from every area are applied once, in order, at open.
/// </summary>
public sealed class SqliteMetadataDatabase : MetadataDatabase
{
    private readonly string _connectionString;

    private SqliteMetadataDatabase(string connectionString) => _connectionString = connectionString;

    public string ConnectionString => _connectionString;

    public override MetadataDialect Dialect => MetadataDialect.Sqlite;

    public static Task<SqliteMetadataDatabase> OpenAsync(string path, IEnumerable<SchemaMigration> migrations, CancellationToken cancellationToken) =>
        OpenAsync(path, migrations, TimeProvider.System, cancellationToken);

    /// <summary>Opens (creating if needed) and migrates; <paramref name="time"/> stamps each migration's applied_at.</summary>
    public static async Task<SqliteMetadataDatabase> OpenAsync(string path, IEnumerable<SchemaMigration> migrations, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var database = new SqliteMetadataDatabase(SqliteFiles.ConnectionString(path));
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await MigrationRunner.ApplyAsync(connection, MetadataDialect.Sqlite, migrations, time, cancellationToken).ConfigureAwait(false);
        return database;
    }

    /// <summary>A SQLite-typed connection, for the stores not yet written against System.Data.Common.</summary>
    public new async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var pragma = connection.CreateCommand();
        // busy_timeout lets a second process (CLI beside a server) wait for the writer instead of failing.
        pragma.CommandText = "PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    protected override async Task<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken) =>
        await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
}
