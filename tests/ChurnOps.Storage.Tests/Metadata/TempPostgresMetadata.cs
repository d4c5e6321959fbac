using ChurnOps.Storage.Metadata;

namespace ChurnOps.Storage.Tests.Metadata;

/// <summary>
/// The PostgreSQL counterpart of <see cref="TempMetadataDatabase"/>: the test class's database (one per class, see
/// <see cref="PostgresTestDatabase"/>), emptied before each test; every open migrates (a no-op after the first) and
/// gives a new pooled handle on the same data, so a contract test can check what survives a new store instance.
/// </summary>
internal sealed class TempPostgresMetadata(PostgresTestDatabase database) : IAsyncDisposable
{
    private readonly List<PostgresMetadataDatabase> _opened = [];

    /// <summary>Migrates the class's database if needed and empties every table: call once before each test.</summary>
    public async Task ResetAsync()
    {
        await OpenAsync();
        await database.ResetAsync();
    }

    public async Task<PostgresMetadataDatabase> OpenAsync()
    {
        var opened = await PostgresMetadataDatabase.OpenAsync(database.ConnectionString, TeamMetadataAreas.Migrations, TimeProvider.System, CancellationToken.None);
        _opened.Add(opened);
        return opened;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var opened in _opened)
        {
            await opened.DisposeAsync();
        }
    }
}
