using ChurnOps.Core.Retraining;
using ChurnOps.Storage.Retraining;
using ChurnOps.Storage.Metadata;

namespace ChurnOps.Storage.Tests.Retraining;

public abstract class RetrainingStoreContractTests
{
    /// <summary>A migrated, empty metadata database; opening again in the same test gives the same data.</summary>
    protected abstract Task<MetadataDatabase> OpenDatabaseAsync();

    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    private static RetrainingTrigger Drift(long alert) => new("drift", $"alert:{alert}", $"alert {alert}");

    [Fact]
    public async Task TryStartAsync_ThenComplete_RecordsTriggersInOrderAndTheOutcome()
    {
        var store = new SqlRetrainingStore(await OpenDatabaseAsync());

        var started = await store.TryStartAsync("churn", [Drift(3), new("data.customers.updated", "event:9", "customers loaded")], T0, Ct);
        var completed = await store.CompleteAsync(started!.Id, RetrainingRun.Succeeded, "run-1", 2, null, T0.AddMinutes(3), Ct);

        Assert.Equal(RetrainingRun.Started, started.Status);
        Assert.Equal(["alert:3", "event:9"], completed.Triggers.Select(t => t.Cause));
        Assert.Equal((RetrainingRun.Succeeded, "run-1", (int?)2, T0.AddMinutes(3)), (completed.Status, completed.TrainingRunId, completed.RegisteredVersion, completed.EndedAt!.Value));
        Assert.Equal(completed, Assert.Single(await store.ListAsync("churn", 10, Ct)) with { Triggers = completed.Triggers });
        Assert.True(await store.HasFiredAsync("event:9", Ct));
    }

    [Fact]
    public async Task TryStartAsync_CauseAlreadyFired_LeftOutAndNullWhenNothingNew()
    {
        var store = new SqlRetrainingStore(await OpenDatabaseAsync());
        await store.TryStartAsync("churn", [Drift(1)], T0, Ct);

        var again = await store.TryStartAsync("churn", [Drift(1)], T0.AddHours(1), Ct);
        var mixed = await store.TryStartAsync("churn", [Drift(1), Drift(2)], T0.AddHours(2), Ct);

        Assert.Null(again);
        Assert.Equal(["alert:2"], mixed!.Triggers.Select(t => t.Cause));
        Assert.Equal(2, (await store.ListAsync(null, 10, Ct)).Count);
    }

    [Fact]
    public async Task TryStartAsync_ManyAtOnceForOneCause_OneRetraining()
    {
        var database = await OpenDatabaseAsync();

        var started = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => new SqlRetrainingStore(database).TryStartAsync("churn", [Drift(7)], T0, Ct))));

        Assert.Single(started, s => s is not null);
        Assert.Single(await new SqlRetrainingStore(database).ListAsync("churn", 10, Ct));
    }
}
