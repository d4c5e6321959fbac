using ChurnOps.Core.Deployments;

namespace ChurnOps.Platform.Deployments;

/// <summary>The deployment as it now stands, or why nothing was changed.</summary>
public sealed record DeploymentOutcome(Deployment? Deployment, DeploymentProblemKind? Problem, string? Error)
{
    public static DeploymentOutcome Done(Deployment deployment) => new(deployment, null, null);

    public static DeploymentOutcome Refused(DeploymentProblemKind kind, string error) => new(null, kind, error);
}
