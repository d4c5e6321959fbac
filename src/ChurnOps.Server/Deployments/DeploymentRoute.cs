using ChurnOps.Core.Deployments;

namespace ChurnOps.Server.Deployments;

/// <summary>
/// How one model's traffic is split right now: the deployment as last read or moved, and its arms' counters for the
/// current step. <see cref="HandoverUntil"/> is set on a deployment that just completed: until the alias cache has
/// swapped to the candidate (at most a refresh interval), every request still goes to the candidate. The route's three
/// tickets are made once here, so routing a request allocates nothing.
/// </summary>
internal sealed class DeploymentRoute
{
    public DeploymentRoute(Deployment deployment, ArmCounters stable, ArmCounters candidate, DateTimeOffset? handoverUntil)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        Deployment = deployment;
        Stable = stable;
        Candidate = candidate;
        HandoverUntil = handoverUntil;
        StableTicket = new ArmTicket(this, DeploymentArms.Stable, mirror: false);
        CandidateTicket = new ArmTicket(this, DeploymentArms.Candidate, mirror: false);
        MirroredTicket = new ArmTicket(this, DeploymentArms.Stable, mirror: true);
    }

    public Deployment Deployment { get; }

    public ArmCounters Stable { get; }

    public ArmCounters Candidate { get; }

    public DateTimeOffset? HandoverUntil { get; }

    /// <summary>Answered by the stable arm.</summary>
    public ArmTicket StableTicket { get; }

    /// <summary>Answered by the candidate arm.</summary>
    public ArmTicket CandidateTicket { get; }

    /// <summary>Answered by the stable arm and mirrored to the candidate (shadow mode).</summary>
    public ArmTicket MirroredTicket { get; }

    /// <summary>The same step, status and weight: counters carry over; anything else starts new ones.</summary>
    public bool SameStep(Deployment other) =>
        Deployment.Id == other.Id && Deployment.StepIndex == other.StepIndex && Deployment.Status == other.Status && Deployment.CandidateWeight == other.CandidateWeight;

    /// <summary>The same arms, counters and loaded models for a newer read of the same step (the store is re-read every second).</summary>
    public DeploymentRoute With(Deployment deployment) => new DeploymentRoute(deployment, Stable, Candidate, HandoverUntil).Keeping(this);

    /// <summary>The completed deployment's route that keeps sending every request to the candidate until <paramref name="until"/>.</summary>
    public DeploymentRoute HandingOverUntil(DateTimeOffset until) => new DeploymentRoute(Deployment, Stable, Candidate, until).Keeping(this);

    /// <summary>Takes over the models <paramref name="older"/>'s tickets loaded: the same versions, so no lookup again.</summary>
    private DeploymentRoute Keeping(DeploymentRoute older)
    {
        StableTicket.Model ??= older.StableTicket.Model;
        CandidateTicket.Model ??= older.CandidateTicket.Model;
        MirroredTicket.Model ??= older.MirroredTicket.Model;
        return this;
    }
}
