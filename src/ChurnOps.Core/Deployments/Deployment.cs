namespace ChurnOps.Core.Deployments;

/// <summary>
/// A canary of a model's serving endpoint: the stable version (the serving alias's target when it started) and the
/// candidate, with the candidate's share of traffic walking up <see cref="Steps"/>. <see cref="StepIndex"/> is the
/// compare-and-set token of every transition, so two analysers (or a restarted server) never take the same step twice.
/// </summary>
public sealed record Deployment(
    long Id,
    string ModelName,
    string Alias,
    int StableVersion,
    int CandidateVersion,
    IReadOnlyList<int> Steps,
    int StepIndex,
    int CandidateWeight,
    TimeSpan Interval,
    bool Shadow,
    DeploymentStatus Status,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset StepStartedAt,
    string? Reason)
{
    /// <summary>The stable arm's share of answered traffic (a shadow deployment answers everything from stable).</summary>
    public int StableWeight => Shadow ? 100 : 100 - CandidateWeight;

    /// <summary>True while the deployment holds the endpoint (traffic split, analysis running or paused).</summary>
    public bool IsOpen => Status is DeploymentStatus.Active or DeploymentStatus.Paused;
}
