namespace ChurnOps.Storage.Tests.Tracking;

public sealed class PostgresTrackingStoreTests(PostgresTestDatabase database) : TrackingStoreTests, IClassFixture<PostgresTestDatabase>
{
    private protected override Task<TrackingStoreFixture> CreateFixtureAsync() => TrackingStoreFixture.CreatePostgresAsync(database);
}
