using ChurnOps.Core.Deployments;

namespace ChurnOps.Platform.Deployments;

/// <summary>A deployment with the history of every step and the figures it was decided on.</summary>
public sealed record DeploymentDetails(Deployment Deployment, IReadOnlyList<DeploymentEvent> History);
