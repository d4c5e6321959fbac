namespace ChurnOps.Storage.Tests.Tracking;

public sealed class SqliteRunSearchPlanTests : RunSearchPlanTests
{
    private protected override Task<TrackingStoreFixture> CreateFixtureAsync() => TrackingStoreFixture.CreateSqliteAsync();
}
