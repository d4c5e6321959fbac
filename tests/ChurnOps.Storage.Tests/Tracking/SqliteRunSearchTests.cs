namespace ChurnOps.Storage.Tests.Tracking;

public sealed class SqliteRunSearchTests : RunSearchTests
{
    private protected override Task<TrackingStoreFixture> CreateFixtureAsync() => TrackingStoreFixture.CreateSqliteAsync();
}
