using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Tracking;
using Microsoft.Extensions.Time.Testing;

namespace ChurnOps.Storage.Tests.Tracking;

/// <summary>A real SQLite file in a temp folder with the tracking stores over it.</summary>
internal sealed class TrackingStoreFixture : IAsyncDisposable
{
    private TrackingStoreFixture(string dir, SqliteMetadataDatabase database, FakeTimeProvider time)
    {
        Dir = dir;
        Database = database;
        Time = time;
        Experiments = new SqliteExperimentStore(database, time);
        Runs = new SqliteRunStore(database, time);
    }

    public string Dir { get; }

    public SqliteMetadataDatabase Database { get; }

    public FakeTimeProvider Time { get; }

    public SqliteExperimentStore Experiments { get; }

    public SqliteRunStore Runs { get; }

    public static async Task<TrackingStoreFixture> CreateAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "churnops-tracking-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var database = await SqliteMetadataDatabase.OpenAsync(Path.Combine(dir, "metadata.db"), SchemaMigrationCatalog.All, CancellationToken.None);
        return new TrackingStoreFixture(dir, database, time);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
