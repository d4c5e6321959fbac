using System.Data.Common;
using Npgsql;

namespace ChurnOps.Storage.Metadata;

/// <summary>
/// Team-mode metadata on a PostgreSQL server, through one pooled <see cref="NpgsqlDataSource"/> per process. The schema
/// is the SQLite one translated (<see cref="PostgresDdl"/>), migrated under an advisory lock so replicas that start
/// together migrate exactly once.
/// </summary>
public sealed class PostgresMetadataDatabase : MetadataDatabase
{
    private readonly NpgsqlDataSource _dataSource;

    private PostgresMetadataDatabase(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    public override MetadataDialect Dialect => MetadataDialect.PostgreSql;

    /// <summary>The database name (for messages; the password never leaves the data source).</summary>
    public string DatabaseName => new NpgsqlConnectionStringBuilder(_dataSource.ConnectionString).Database ?? string.Empty;

    /// <summary>
    /// Connects to <paramref name="location"/> (a <c>postgresql://</c> URL or an Npgsql connection string) and migrates.
    /// An unreachable server or a bad location surfaces as the provider's exception; callers word it for the user.
    /// </summary>
    public static async Task<PostgresMetadataDatabase> OpenAsync(string location, IEnumerable<SchemaMigration> migrations, TimeProvider time, CancellationToken cancellationToken)
    {
        var connectionString = PostgresLocation.ToConnectionString(location);
        var database = new PostgresMetadataDatabase(NpgsqlDataSource.Create(connectionString));
        try
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await MigrationRunner.ApplyAsync(connection, MetadataDialect.PostgreSql, migrations, time, cancellationToken).ConfigureAwait(false);
            return database;
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override async Task<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override ValueTask DisposeCoreAsync() => _dataSource.DisposeAsync();
}
