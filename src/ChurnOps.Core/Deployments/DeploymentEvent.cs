namespace ChurnOps.Core.Deployments;

/// <summary>
/// One entry of a deployment's history: what happened (started, passed, failed, promoted, paused, resumed, rolled-back,
/// completed), at which step and weight, and the figures and checks it was decided on.
/// </summary>
public sealed record DeploymentEvent(
    long DeploymentId,
    int Sequence,
    string Action,
    int StepIndex,
    int CandidateWeight,
    IReadOnlyList<ArmFigures> Figures,
    IReadOnlyList<AnalysisCheck> Checks,
    string? Reason,
    DateTimeOffset At);
