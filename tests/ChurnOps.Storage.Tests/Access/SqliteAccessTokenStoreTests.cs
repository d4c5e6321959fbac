using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Tests.Metadata;

namespace ChurnOps.Storage.Tests.Access;

/// <summary>The API-token store contract on a real SQLite file.</summary>
public sealed class SqliteAccessTokenStoreTests : AccessTokenStoreContractTests, IDisposable
{
    private readonly TempMetadataDatabase _database = new();

    public void Dispose() => _database.Dispose();

    protected override async Task<MetadataDatabase> OpenDatabaseAsync() => await _database.OpenAsync();
}
