using ChurnOps.Core.Contracts;

namespace ChurnOps.Storage.Tests.Contracts;

/// <summary>What every IContractStore backend must do: contract versions keyed by (id, version) and consumer sign-offs.</summary>
public abstract class ContractStoreContractTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    protected abstract Task<IContractStore> CreateStoreAsync();

    private static PublishedContract Contract(string id, string version, string status = PublishedContract.Published, string yaml = "apiVersion: v3.0.2") =>
        new(id, version, status, yaml, "data-eng", T0);

    [Fact]
    public async Task SaveAsync_ThenGet_RoundTripsYamlAndTimestampExactly()
    {
        var store = await CreateStoreAsync();
        var yaml = "apiVersion: v3.0.2\nkind: DataContract\ndescription: \"ü ✓ 'quoted'\"\n  indented: true\n";
        var at = new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.FromHours(9)).AddTicks(3);
        var contract = new PublishedContract("customers", "1.2.3", PublishedContract.PendingApproval, yaml, "ana", at);

        await store.SaveAsync(contract, Ct);
        var read = await store.GetAsync("customers", "1.2.3", Ct);

        Assert.Equal(contract, read);
        Assert.Equal(at.UtcTicks, read!.At.UtcTicks);
    }

    [Fact]
    public async Task GetAsync_UnknownIdOrVersion_Null()
    {
        var store = await CreateStoreAsync();
        await store.SaveAsync(Contract("customers", "1.0.0"), Ct);

        Assert.Null(await store.GetAsync("customers", "9.9.9", Ct));
        Assert.Null(await store.GetAsync("orders", "1.0.0", Ct));
        Assert.Null(await store.LatestPublishedAsync("orders", Ct));
        Assert.Empty(await store.ListAsync("orders", Ct));
    }

    [Fact]
    public async Task SaveAsync_SameIdAndVersion_ReplacesInPlace()
    {
        var store = await CreateStoreAsync();
        await store.SaveAsync(Contract("customers", "2.0.0", PublishedContract.PendingApproval, "old"), Ct);

        await store.SaveAsync(Contract("customers", "2.0.0", PublishedContract.Published, "new"), Ct);

        var only = Assert.Single(await store.ListAsync("customers", Ct));
        Assert.Equal(PublishedContract.Published, only.Status);
        Assert.Equal("new", only.Yaml);
    }

    [Fact]
    public async Task LatestPublishedAsync_SkipsVersionsWaitingForSignOff()
    {
        var store = await CreateStoreAsync();
        await store.SaveAsync(Contract("customers", "1.0.0"), Ct);
        await store.SaveAsync(Contract("customers", "1.1.0"), Ct);
        await store.SaveAsync(Contract("customers", "2.0.0", PublishedContract.PendingApproval), Ct);

        Assert.Equal("1.1.0", (await store.LatestPublishedAsync("customers", Ct))?.Version);

        // Once signed off, the breaking version goes live.
        await store.SaveAsync(Contract("customers", "2.0.0"), Ct);
        Assert.Equal("2.0.0", (await store.LatestPublishedAsync("customers", Ct))?.Version);
    }

    [Fact]
    public async Task ListAsync_NewestFirstPerContractAndEveryContractWhenIdIsNull()
    {
        var store = await CreateStoreAsync();
        await store.SaveAsync(Contract("customers", "1.0.0"), Ct);
        await store.SaveAsync(Contract("orders", "1.0.0"), Ct);
        await store.SaveAsync(Contract("customers", "1.1.0"), Ct);

        Assert.Equal(["1.1.0", "1.0.0"], (await store.ListAsync("customers", Ct)).Select(c => c.Version));
        var all = await store.ListAsync(null, Ct);
        Assert.Equal(3, all.Count);
        Assert.Equal(["1.1.0", "1.0.0"], all.Where(c => c.Id == "customers").Select(c => c.Version));
    }

    [Fact]
    public async Task AddApprovalAsync_SameTeamTwice_CountedOnceAndSortedByTeam()
    {
        var store = await CreateStoreAsync();
        await store.SaveAsync(Contract("customers", "2.0.0", PublishedContract.PendingApproval), Ct);

        await store.AddApprovalAsync("customers", "2.0.0", "risk", T0, Ct);
        await store.AddApprovalAsync("customers", "2.0.0", "churn-ml", T0, Ct);
        await store.AddApprovalAsync("customers", "2.0.0", "risk", T0.AddHours(1), Ct);

        Assert.Equal(["churn-ml", "risk"], await store.ApprovalsAsync("customers", "2.0.0", Ct));
        Assert.Empty(await store.ApprovalsAsync("customers", "1.0.0", Ct));
    }

    [Fact]
    public async Task AddApprovalAsync_TwoWritersSameTeam_OneApproval()
    {
        var store = await CreateStoreAsync();
        await store.SaveAsync(Contract("customers", "2.0.0", PublishedContract.PendingApproval), Ct);

        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => store.AddApprovalAsync("customers", "2.0.0", "risk", T0, Ct))));

        Assert.Equal(["risk"], await store.ApprovalsAsync("customers", "2.0.0", Ct));
    }

    [Fact]
    public async Task SaveAsync_Cancelled_ThrowsAndSavesNothing()
    {
        var store = await CreateStoreAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SaveAsync(Contract("customers", "1.0.0"), cancelled.Token));

        Assert.Empty(await store.ListAsync(null, Ct));
    }
}
