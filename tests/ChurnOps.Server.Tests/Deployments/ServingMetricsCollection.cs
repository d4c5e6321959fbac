namespace ChurnOps.Server.Tests.Deployments;

/// <summary>
/// Tests that count exact samples on /metrics run alone: the runtime's meter listener is process-wide, so every server
/// started by a test running in parallel would add its requests to the same series.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServingMetricsCollection
{
    public const string Name = "serving metrics, exact counts";
}
