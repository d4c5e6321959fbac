using ChurnOps.Core.Deployments;

namespace ChurnOps.Server.Deployments;

/// <summary>
/// The arm a request was routed to, carried from routing to the prediction log: the route (deployment and counters),
/// the arm, and whether the request is also mirrored to the candidate (shadow mode).
/// </summary>
internal sealed record ArmTicket(DeploymentRoute Route, string Arm, bool Mirror)
{
    public Deployment Deployment => Route.Deployment;

    public bool IsCandidate => Arm == DeploymentArms.Candidate;

    public int Version => IsCandidate ? Route.Deployment.CandidateVersion : Route.Deployment.StableVersion;

    public ArmCounters Counters => IsCandidate ? Route.Candidate : Route.Stable;

    /// <summary>The stable arm of the same route: where a candidate that cannot answer falls back to.</summary>
    public ArmTicket Stable => this with { Arm = DeploymentArms.Stable, Mirror = false };
}
