namespace ChurnOps.Storage.Tests.Tracking;

public sealed class PostgresRunSearchTests(PostgresTestDatabase database) : RunSearchTests, IClassFixture<PostgresTestDatabase>
{
    private protected override Task<TrackingStoreFixture> CreateFixtureAsync() => TrackingStoreFixture.CreatePostgresAsync(database);
}
