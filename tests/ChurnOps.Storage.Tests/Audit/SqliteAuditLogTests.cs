using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Tests.Metadata;

namespace ChurnOps.Storage.Tests.Audit;

/// <summary>The audit log contract on a real SQLite file, tampered with through Microsoft.Data.Sqlite.</summary>
public sealed class SqliteAuditLogTests : AuditLogContractTests, IDisposable
{
    private readonly TempMetadataDatabase _database = new();

    public void Dispose() => _database.Dispose();

    protected override async Task<MetadataDatabase> OpenDatabaseAsync() => await _database.OpenAsync();

    protected override async Task ExecuteByHandAsync(string sql)
    {
        var database = await _database.OpenAsync();
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
