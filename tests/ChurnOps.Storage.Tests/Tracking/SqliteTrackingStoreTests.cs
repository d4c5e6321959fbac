namespace ChurnOps.Storage.Tests.Tracking;

public sealed class SqliteTrackingStoreTests : TrackingStoreTests
{
    private protected override Task<TrackingStoreFixture> CreateFixtureAsync() => TrackingStoreFixture.CreateSqliteAsync();
}
