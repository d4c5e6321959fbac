using ChurnOps.Storage.Metadata;
using Microsoft.Data.Sqlite;

namespace ChurnOps.Storage.Tests.Metadata;

/// <summary>
/// A real SQLite metadata file in a temp folder with every migration applied; opening it again gives the same file,
/// so a contract test can check what survives a new store instance.
/// </summary>
internal sealed class TempMetadataDatabase : IDisposable
{
    private readonly TempDirectory _temp = new();

    public Task<SqliteMetadataDatabase> OpenAsync() =>
        SqliteMetadataDatabase.OpenAsync(_temp.Sub("metadata.db"), SchemaMigrationCatalog.All, CancellationToken.None);

    public void Dispose()
    {
        // Pooled connections keep the file open; release them so the folder can go.
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }
}
