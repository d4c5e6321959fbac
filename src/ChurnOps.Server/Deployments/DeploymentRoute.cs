using ChurnOps.Core.Deployments;

namespace ChurnOps.Server.Deployments;

/// <summary>
/// How one model's traffic is split right now: the deployment as last read or moved, and its arms' counters for the
/// current step. <see cref="HandoverUntil"/> is set on a deployment that just completed: until the alias cache has
/// swapped to the candidate (at most a refresh interval), every request still goes to the candidate.
/// </summary>
internal sealed record DeploymentRoute(Deployment Deployment, ArmCounters Stable, ArmCounters Candidate, DateTimeOffset? HandoverUntil)
{
    /// <summary>The same step, status and weight: counters carry over; anything else starts new ones.</summary>
    public bool SameStep(Deployment other) =>
        Deployment.Id == other.Id && Deployment.StepIndex == other.StepIndex && Deployment.Status == other.Status && Deployment.CandidateWeight == other.CandidateWeight;
}
