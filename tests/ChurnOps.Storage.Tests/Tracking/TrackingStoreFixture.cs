using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Tracking;
using Microsoft.Extensions.Time.Testing;

namespace ChurnOps.Storage.Tests.Tracking;

/// <summary>A fresh metadata database (a SQLite file in a temp folder, or a PostgreSQL database) with the tracking stores over it.</summary>
internal sealed class TrackingStoreFixture : IAsyncDisposable
{
    private readonly Func<ValueTask> _dispose;

    private TrackingStoreFixture(MetadataDatabase database, FakeTimeProvider time, Func<ValueTask> dispose)
    {
        Database = database;
        Dialect = TrackingDialect.Of(database);
        Time = time;
        Experiments = new SqlExperimentStore(database, time);
        Runs = new SqlRunStore(database, time);
        _dispose = dispose;
    }

    public MetadataDatabase Database { get; }

    public TrackingDialect Dialect { get; }

    public FakeTimeProvider Time { get; }

    public SqlExperimentStore Experiments { get; }

    public SqlRunStore Runs { get; }

    public static async Task<TrackingStoreFixture> CreateSqliteAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "churnops-tracking-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var database = await SqliteMetadataDatabase.OpenAsync(Path.Combine(dir, "metadata.db"), SchemaMigrationCatalog.All, CancellationToken.None);
        return new TrackingStoreFixture(database, NewClock(), () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }

            return ValueTask.CompletedTask;
        });
    }

    /// <summary>The test class's PostgreSQL database, emptied for this test (see <see cref="PostgresTrackingDatabase"/>).</summary>
    public static async Task<TrackingStoreFixture> CreatePostgresAsync(PostgresTestDatabase classDatabase)
    {
        var metadata = new PostgresTrackingDatabase(classDatabase);
        await metadata.ResetAsync();
        return new TrackingStoreFixture(await metadata.OpenAsync(), NewClock(), metadata.DisposeAsync);
    }

    public ValueTask DisposeAsync() => _dispose();

    private static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
}
