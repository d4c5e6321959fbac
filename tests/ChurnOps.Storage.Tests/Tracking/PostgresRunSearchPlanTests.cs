namespace ChurnOps.Storage.Tests.Tracking;

public sealed class PostgresRunSearchPlanTests(PostgresTestDatabase database) : RunSearchPlanTests, IClassFixture<PostgresTestDatabase>
{
    private protected override Task<TrackingStoreFixture> CreateFixtureAsync() => TrackingStoreFixture.CreatePostgresAsync(database);
}
