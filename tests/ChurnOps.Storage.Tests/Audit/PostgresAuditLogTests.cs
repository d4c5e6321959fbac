using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Tests.Metadata;
using Npgsql;

namespace ChurnOps.Storage.Tests.Audit;

/// <summary>
/// The audit log contract on a real PostgreSQL server, tampered with through Npgsql. Each test starts from the audit
/// area freshly migrated (tables dropped and their migration forgotten), so the head row is the migration's own genesis.
/// </summary>
public sealed class PostgresAuditLogTests(PostgresTestDatabase database) : AuditLogContractTests, IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private readonly TempPostgresMetadata _metadata = new(database);

    public async Task InitializeAsync()
    {
        await _metadata.ResetAsync();
        await ExecuteByHandAsync("DROP TABLE audit_log, audit_head; DELETE FROM schema_migrations WHERE area = 'audit';");
    }

    public Task DisposeAsync() => _metadata.DisposeAsync().AsTask();

    protected override async Task<MetadataDatabase> OpenDatabaseAsync() => await _metadata.OpenAsync();

    protected override async Task ExecuteByHandAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
