using ChurnOps.Core.Alerts;

namespace ChurnOps.Storage.Tests.Alerts;

/// <summary>What every IAlertStore backend must do; a backend's test class derives from this and supplies the store.</summary>
public abstract class AlertStoreContractTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    protected abstract Task<IAlertStore> CreateStoreAsync();

    private static Alert Sla(string subject, DateTimeOffset at, string type = Alert.DataSlaViolation) =>
        new(0, type, subject, "freshness", "26h", "24h", "data-eng", $"{subject} is stale", at);

    [Fact]
    public async Task AddAsync_ThenList_RoundTripsEveryFieldWithExactTimestamp()
    {
        var store = await CreateStoreAsync();
        var at = new DateTimeOffset(2026, 3, 1, 14, 30, 15, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        var alert = new Alert(0, Alert.DataSlaViolation, "customers", "completeness", "0.91", ">= 0.99", "crm-team", "é ünïcode ✓", at);

        var added = await store.AddAsync(alert, Ct);
        var listed = Assert.Single(await store.ListAsync(null, 10, Ct));

        Assert.True(added.Id > 0);
        Assert.Equal(alert with { Id = added.Id }, added);
        Assert.Equal(added, listed);
        Assert.Equal(at.UtcTicks, listed.RaisedAt.UtcTicks);
    }

    [Fact]
    public async Task ListAsync_Empty_ReturnsEmptyList()
    {
        var store = await CreateStoreAsync();

        Assert.Empty(await store.ListAsync(null, 10, Ct));
        Assert.Empty(await store.ListAsync("NoSuchType", 10, Ct));
    }

    [Fact]
    public async Task ListAsync_NewestFirstFilteredByTypeAndCappedAtMax()
    {
        var store = await CreateStoreAsync();
        // Raised-at deliberately out of order: "newest" means most recently added.
        await store.AddAsync(Sla("a", T0.AddHours(3)), Ct);
        await store.AddAsync(Sla("b", T0, type: "DriftDetected"), Ct);
        await store.AddAsync(Sla("c", T0.AddHours(1)), Ct);
        await store.AddAsync(Sla("d", T0.AddHours(2)), Ct);

        Assert.Equal(["d", "c", "b", "a"], (await store.ListAsync(null, 10, Ct)).Select(a => a.Subject));
        Assert.Equal(["d", "c", "a"], (await store.ListAsync(Alert.DataSlaViolation, 10, Ct)).Select(a => a.Subject));
        Assert.Equal(["d", "c"], (await store.ListAsync(null, 2, Ct)).Select(a => a.Subject));
        Assert.Equal(["b"], (await store.ListAsync("DriftDetected", 10, Ct)).Select(a => a.Subject));
    }

    [Fact]
    public async Task AddAsync_TwoWritersAtOnce_EveryAlertKeptWithDistinctIds()
    {
        var store = await CreateStoreAsync();

        var added = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => store.AddAsync(Sla("s" + i, T0), Ct))));

        Assert.Equal(40, added.Select(a => a.Id).Distinct().Count());
        var listed = await store.ListAsync(null, 100, Ct);
        Assert.Equal(added.Select(a => a.Id).Order(), listed.Select(a => a.Id).Order());
    }

    [Fact]
    public async Task AddAsync_Cancelled_ThrowsAndStoresNothing()
    {
        var store = await CreateStoreAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AddAsync(Sla("a", T0), cancelled.Token));

        Assert.Empty(await store.ListAsync(null, 10, Ct));
    }
}
