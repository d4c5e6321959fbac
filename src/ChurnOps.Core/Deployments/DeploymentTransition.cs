namespace ChurnOps.Core.Deployments;

/// <summary>
/// A step change, applied only when the deployment is still at <see cref="ExpectedStepIndex"/> with
/// <see cref="ExpectedStatus"/> (compare-and-set), together with its history entry.
/// </summary>
public sealed record DeploymentTransition(
    int ExpectedStepIndex,
    DeploymentStatus ExpectedStatus,
    int StepIndex,
    int CandidateWeight,
    DeploymentStatus Status,
    string Action,
    IReadOnlyList<ArmFigures> Figures,
    IReadOnlyList<AnalysisCheck> Checks,
    string? Reason);
