using ChurnOps.Core.Alerts;
using ChurnOps.Platform.Contracts;
using ChurnOps.Platform.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChurnOps.Platform.Tests.Alerts;

public sealed class SlaAlertDedupeTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private sealed class CountingSink : IAlertSink
    {
        public int Delivered { get; private set; }

        public string Name => "counting";

        public Task<string?> DeliverAsync(Alert alert, CancellationToken cancellationToken)
        {
            Delivered++;
            return Task.FromResult<string?>(null);
        }
    }

    [Fact]
    public async Task CheckAsync_SameViolationTwiceThenResolved_OneOpenAlertUntilResolvedThenANewOne()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 6, 3, 10, 0, 0, TimeSpan.Zero));
        await using var project = await TestProject.CreateAsync(time);
        var file = project.WriteFile("c.csv", TestProject.CustomersCsv(TestProject.Customer(1, updatedAt: "2024-06-01 10:00:00")));
        Assert.True((await project.Workspace.Services.GetRequiredService<IngestionService>().IngestAsync(new IngestRequest("customers", [file], null), Ct)).Succeeded);
        var sink = new CountingSink();
        var contract = Path.Combine(project.Root, "contracts", "customers.yaml");
        Task<SlaReport> CheckAsync() => ActivatorUtilities.CreateInstance<SlaChecker>(project.Workspace.Services, sink).CheckAsync([contract], Ct);

        var first = Assert.Single((await CheckAsync()).Alerts);
        time.Advance(TimeSpan.FromHours(1));
        var second = Assert.Single((await CheckAsync()).Alerts);
        var lifecycle = project.Workspace.Services.GetRequiredService<IAlertLifecycle>();
        Assert.True((await lifecycle.TransitionAsync(first.Id, AlertStatus.Resolved, "de", "reloaded", time.GetUtcNow(), Ct)).Succeeded);
        var third = Assert.Single((await CheckAsync()).Alerts);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal("runbooks/sla.md", first.Runbook);
        Assert.StartsWith("sla:", first.Cause, StringComparison.Ordinal);
        Assert.NotEqual(first.Id, third.Id);
        Assert.Equal(2, sink.Delivered);
        Assert.Equal(2, (await lifecycle.ListAsync(Alert.DataSlaViolation, null, 10, Ct)).Count);
    }
}
