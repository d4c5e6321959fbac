using System.Data;
using System.Data.Common;

namespace ChurnOps.Storage.Metadata;

/// <summary>
/// Applies the forward-only migrations that a database has not seen yet, recording each in schema_migrations.
/// SQLite: one immediate (write-locked) transaction per step. PostgreSQL: one transaction holding an advisory lock for
/// the whole set, so replicas starting together wait for the first and then find nothing left to do.
/// </summary>
internal static class MigrationRunner
{
    /// <summary>The advisory lock key every ChurnOps replica migrates under ("churnops" in ASCII, as a 64-bit number).</summary>
    internal const long AdvisoryLockKey = 0x6368_7572_6e6f_7073;

    private const string CreateTable = "CREATE TABLE IF NOT EXISTS schema_migrations (area TEXT NOT NULL, version {0} NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (area, version));";

    public static async Task ApplyAsync(DbConnection connection, MetadataDialect dialect, IEnumerable<SchemaMigration> migrations, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);
        var ordered = migrations.OrderBy(m => m.Area, StringComparer.Ordinal).ThenBy(m => m.Version).ToList();
        if (dialect.MigratesUnderAdvisoryLock)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var lockCommand = connection.Command("SELECT pg_advisory_xact_lock(@key)", transaction).Int64("@key", AdvisoryLockKey))
            {
                await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await CreateTableAsync(connection, dialect, transaction, cancellationToken).ConfigureAwait(false);
            foreach (var migration in ordered)
            {
                await ApplyOneAsync(connection, dialect, transaction, migration, time, cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await CreateTableAsync(connection, dialect, null, cancellationToken).ConfigureAwait(false);
        foreach (var migration in ordered)
        {
            // BEGIN IMMEDIATE takes the write lock up front, so two processes opening a new project do not both migrate.
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
            await ApplyOneAsync(connection, dialect, transaction, migration, time, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task CreateTableAsync(DbConnection connection, MetadataDialect dialect, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var create = connection.Command(string.Format(System.Globalization.CultureInfo.InvariantCulture, CreateTable, dialect.Integer), transaction);
        await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ApplyOneAsync(DbConnection connection, MetadataDialect dialect, DbTransaction transaction, SchemaMigration migration, TimeProvider time, CancellationToken cancellationToken)
    {
        await using (var check = connection.Command("SELECT COUNT(*) FROM schema_migrations WHERE area = @area AND version = @version", transaction))
        {
            check.Text("@area", migration.Area).Int64("@version", migration.Version);
            if (await check.ScalarInt64Async(cancellationToken).ConfigureAwait(false) > 0)
            {
                return;
            }
        }

        await using (var apply = connection.Command(dialect.MigrationSql(migration), transaction))
        {
            await apply.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var record = connection.Command("INSERT INTO schema_migrations (area, version, applied_at) VALUES (@area, @version, @at)", transaction);
        record.Text("@area", migration.Area).Int64("@version", migration.Version).Timestamp("@at", time.GetUtcNow());
        await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
