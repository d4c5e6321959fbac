using ChurnOps.Platform.Registry.Lineage;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Server.Tests.Deployments;

/// <summary>A version's lineage ends at the deployments that put it under traffic, whichever arm it held.</summary>
public sealed class DeploymentLineageTests
{
    [Fact]
    public async Task Trace_VersionsOfAnOpenCanary_NameTheDeploymentAndTheirArm()
    {
        await using var server = await CanaryServer.StartAsync();
        var id = await CanaryRolloutTests.StartAsync(server, CanaryServer.Good, [10, 100], interval: "1h");
        var tracer = server.Workspace.Services.GetRequiredService<ModelLineageTracer>();
        var registry = server.Workspace.Registry;

        var candidate = await tracer.TraceAsync((await registry.GetAsync("churn", CanaryServer.Good, CancellationToken.None))!, CancellationToken.None);
        var stable = await tracer.TraceAsync((await registry.GetAsync("churn", 1, CancellationToken.None))!, CancellationToken.None);
        var other = await tracer.TraceAsync((await registry.GetAsync("churn", CanaryServer.Inverted, CancellationToken.None))!, CancellationToken.None);

        Assert.Equal($"#{id} candidate (active, candidate at 10%)", candidate.Steps.Single(s => s.Step == "deployments").Summary);
        Assert.Equal($"#{id} stable (active, candidate at 10%)", stable.Steps.Single(s => s.Step == "deployments").Summary);
        Assert.False(other.Steps.Single(s => s.Step == "deployments").Recorded);
    }
}
