using ChurnOps.Core.Deployments;
using ChurnOps.Platform.Deployments;

namespace ChurnOps.Server.Deployments;

/// <summary>A deployment as the API shows it (status as a word, step as 1-based, the interval in seconds).</summary>
internal sealed record DeploymentResponse(
    long Id,
    string Model,
    string Alias,
    int StableVersion,
    int CandidateVersion,
    IReadOnlyList<int> Steps,
    int Step,
    int StableWeight,
    int CandidateWeight,
    double IntervalSeconds,
    bool Shadow,
    string Status,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset StepStartedAt,
    string? Reason,
    IReadOnlyList<DeploymentEvent>? History)
{
    public static DeploymentResponse From(Deployment d, IReadOnlyList<DeploymentEvent>? history = null) => new(
        d.Id, d.ModelName, d.Alias, d.StableVersion, d.CandidateVersion, d.Steps, d.StepIndex + 1, d.StableWeight, d.CandidateWeight,
        d.Interval.TotalSeconds, d.Shadow, DeploymentService.Status(d.Status), d.CreatedBy, d.CreatedAt, d.StepStartedAt, d.Reason, history);
}
