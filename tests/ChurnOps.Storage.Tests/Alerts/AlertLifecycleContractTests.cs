using ChurnOps.Core.Alerts;
using ChurnOps.Storage.Alerts;
using ChurnOps.Storage.Metadata;

namespace ChurnOps.Storage.Tests.Alerts;

public abstract class AlertLifecycleContractTests
{
    /// <summary>A migrated, empty metadata database; opening again in the same test gives the same data.</summary>
    protected abstract Task<MetadataDatabase> OpenDatabaseAsync();

    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    private async Task<SqlAlertStore> StoreAsync() => new(await OpenDatabaseAsync());

    private static Alert Drift(string cause, string message = "4 columns drifted") =>
        new(0, Alert.DriftDetected, "churn/v1", "column drift", "4/13", "any", "mlops-team", message, T0)
        {
            Cause = cause,
            Severity = AlertSeverity.Warning,
            EvidenceJson = """{"drifted_columns":["age"]}""",
            Runbook = "runbooks/drift.md",
        };

    [Fact]
    public async Task RaiseOnceAsync_SameCauseWhileOpen_ReturnsTheOpenAlertAndStoresNothingNew()
    {
        var store = await StoreAsync();

        var (first, created) = await store.RaiseOnceAsync(Drift("drift:churn:v1"), Ct);
        var (second, createdAgain) = await store.RaiseOnceAsync(Drift("drift:churn:v1", "other words"), Ct);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(first, second);
        var listed = Assert.Single(await store.ListAsync(null, null, 10, Ct));
        Assert.Equal(first, listed);
        Assert.Equal("""{"drifted_columns":["age"]}""", listed.EvidenceJson);
        Assert.Equal("runbooks/drift.md", listed.Runbook);
        Assert.Equal(AlertStatus.Open, listed.Status);
    }

    [Fact]
    public async Task RaiseOnceAsync_ManyWritersAtOnce_ExactlyOneAlertCreated()
    {
        var store = await StoreAsync();

        var raised = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => store.RaiseOnceAsync(Drift("drift:churn:v2"), Ct))));

        Assert.Single(raised, r => r.Created);
        Assert.Single(raised.Select(r => r.Alert.Id).Distinct());
        Assert.Single(await store.ListAsync(null, null, 10, Ct));
    }

    [Fact]
    public async Task TransitionAsync_AckThenResolve_RecordsWhoWhenWhyAndFreesTheCause()
    {
        var store = await StoreAsync();
        var (alert, _) = await store.RaiseOnceAsync(Drift("drift:churn:v1"), Ct);

        var acked = await store.TransitionAsync(alert.Id, AlertStatus.Acked, "ana", "looking", T0.AddMinutes(5), Ct);
        var stillOne = await store.RaiseOnceAsync(Drift("drift:churn:v1"), Ct);
        var resolved = await store.TransitionAsync(alert.Id, AlertStatus.Resolved, "bo", null, T0.AddHours(1), Ct);
        var (next, createdAfterResolve) = await store.RaiseOnceAsync(Drift("drift:churn:v1"), Ct);

        Assert.True(acked.Succeeded);
        Assert.Equal((AlertStatus.Acked, "ana", "looking", T0.AddMinutes(5)), (acked.Alert!.Status, acked.Alert.StatusChangedBy, acked.Alert.StatusNote, acked.Alert.StatusChangedAt!.Value));
        Assert.False(stillOne.Created);
        Assert.Equal(alert.Id, stillOne.Alert.Id);
        Assert.True(resolved.Succeeded);
        Assert.Equal(AlertStatus.Resolved, (await store.GetAsync(alert.Id, Ct))!.Status);
        Assert.True(createdAfterResolve);
        Assert.NotEqual(alert.Id, next.Id);
        Assert.Equal([next.Id], (await store.ListAsync(null, AlertStatus.Open, 10, Ct)).Select(a => a.Id));
        Assert.Equal([alert.Id], (await store.ListAsync(Alert.DriftDetected, AlertStatus.Resolved, 10, Ct)).Select(a => a.Id));
    }

    [Theory]
    [InlineData(AlertStatus.Resolved, AlertStatus.Acked, "cannot be acked: it is already resolved")]
    [InlineData(AlertStatus.Resolved, AlertStatus.Resolved, "cannot be resolved: it is already resolved")]
    [InlineData(AlertStatus.Acked, AlertStatus.Acked, "cannot be acked: it is already acked")]
    public async Task TransitionAsync_MoveNotAllowed_ErrorValueAndStatusUnchanged(string from, string to, string expected)
    {
        var store = await StoreAsync();
        var (alert, _) = await store.RaiseOnceAsync(Drift("drift:churn:v1"), Ct);
        Assert.True((await store.TransitionAsync(alert.Id, from, "ana", null, T0, Ct)).Succeeded);

        var moved = await store.TransitionAsync(alert.Id, to, "bo", null, T0.AddMinutes(1), Ct);

        Assert.False(moved.Succeeded);
        Assert.Equal($"alert {alert.Id} {expected}", moved.Error);
        Assert.Equal(from, (await store.GetAsync(alert.Id, Ct))!.Status);
    }

    [Fact]
    public async Task TransitionAsync_UnknownId_ErrorValue()
    {
        var store = await StoreAsync();

        var moved = await store.TransitionAsync(404, AlertStatus.Acked, "ana", null, T0, Ct);

        Assert.Equal("alert 404 does not exist", moved.Error);
        Assert.Null(moved.Alert);
    }

    [Fact]
    public async Task AddAsync_AlertWithoutCause_IsNeverDeduplicated()
    {
        var store = await StoreAsync();
        var sla = new Alert(0, Alert.DataSlaViolation, "customers", "freshness", "26h", "24h", "data-engineering", "stale", T0);

        var first = await store.RaiseOnceAsync(sla, Ct);
        var second = await store.RaiseOnceAsync(sla, Ct);

        Assert.True(first.Created && second.Created);
        Assert.NotEqual(first.Alert.Id, second.Alert.Id);
    }
}
