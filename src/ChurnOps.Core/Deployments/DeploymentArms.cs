namespace ChurnOps.Core.Deployments;

/// <summary>The two arms of a deployment, as logged with every prediction and shown in figures.</summary>
public static class DeploymentArms
{
    public const string Stable = "stable";

    public const string Candidate = "candidate";
}
