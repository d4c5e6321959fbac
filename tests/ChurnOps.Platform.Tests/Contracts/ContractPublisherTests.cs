using ChurnOps.Platform.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Platform.Tests.Contracts;

public sealed class ContractPublisherTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static async Task<string> VariantAsync(TestProject project, string name, string version, string? replace = null, string? with = null)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(project.Root, "contracts", "customers.yaml"));
        text = text.Replace("version: 1.0.0", "version: " + version, StringComparison.Ordinal);
        if (replace is not null)
        {
            text = text.Replace(replace, with, StringComparison.Ordinal);
        }

        return project.WriteFile(name, text);
    }

    [Fact]
    public async Task PublishAsync_BreakingWithoutMajorBump_WaitsForConsumerSignOffThenGoesLive()
    {
        await using var project = await TestProject.CreateAsync();
        var publisher = project.Workspace.Services.GetRequiredService<ContractPublisher>();
        Assert.Equal(PublishOutcome.Published, (await publisher.PublishAsync(Path.Combine(project.Root, "contracts", "customers.yaml"), "de", Ct)).Status);
        var tightened = await VariantAsync(project, "c11.yaml", "1.1.0", "maximum: 100\n", "maximum: 90\n");

        var pending = await publisher.PublishAsync(tightened, "de", Ct);
        var stranger = await publisher.ApproveAsync("customers", "1.1.0", "marketing", Ct);
        var approved = await publisher.ApproveAsync("customers", "1.1.0", "mlops-team", Ct);

        Assert.Equal(PublishOutcome.PendingApproval, pending.Status);
        Assert.Equal(["mlops-team"], pending.MissingApprovals);
        Assert.Contains(pending.Changes, c => c.Path == "customers.age");
        Assert.Contains("mlops-team", pending.Error, StringComparison.Ordinal);
        Assert.Equal(PublishOutcome.Refused, stranger.Status);
        Assert.Equal(PublishOutcome.Published, approved.Status);
        Assert.Equal("1.1.0", (await publisher.Store.LatestPublishedAsync("customers", Ct))!.Version);
    }

    [Fact]
    public async Task PublishAsync_BreakingWithMajorBump_PublishesAtOnce()
    {
        await using var project = await TestProject.CreateAsync();
        var publisher = project.Workspace.Services.GetRequiredService<ContractPublisher>();
        await publisher.PublishAsync(Path.Combine(project.Root, "contracts", "customers.yaml"), "de", Ct);
        var major = await VariantAsync(project, "c2.yaml", "2.0.0", "maximum: 100\n", "maximum: 90\n");

        var outcome = await publisher.PublishAsync(major, "de", Ct);

        Assert.Equal(PublishOutcome.Published, outcome.Status);
        Assert.Single(outcome.Changes);
        Assert.Equal(2, (await publisher.Store.ListAsync("customers", Ct)).Count);
    }

    [Fact]
    public async Task PublishAsync_SameVersionOtherContent_IsRefusedAndSameContentIsUnchanged()
    {
        await using var project = await TestProject.CreateAsync();
        var publisher = project.Workspace.Services.GetRequiredService<ContractPublisher>();
        var original = Path.Combine(project.Root, "contracts", "customers.yaml");
        await publisher.PublishAsync(original, "de", Ct);
        var edited = await VariantAsync(project, "same.yaml", "1.0.0", "maximum: 100\n", "maximum: 120\n");

        Assert.Equal(PublishOutcome.Unchanged, (await publisher.PublishAsync(original, "de", Ct)).Status);
        var refused = await publisher.PublishAsync(edited, "de", Ct);
        Assert.Equal(PublishOutcome.Refused, refused.Status);
        Assert.Contains("already published", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_InvalidContract_IsRefusedWithTheFirstError()
    {
        await using var project = await TestProject.CreateAsync();
        var bad = project.WriteFile("bad.yaml", "kind: DataContract\n");

        var outcome = await project.Workspace.Services.GetRequiredService<ContractPublisher>().PublishAsync(bad, "de", Ct);

        Assert.Equal(PublishOutcome.Refused, outcome.Status);
        Assert.Contains("is required", outcome.Error, StringComparison.Ordinal);
    }
}
