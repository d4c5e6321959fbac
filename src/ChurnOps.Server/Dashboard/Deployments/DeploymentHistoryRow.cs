using ChurnOps.Core.Deployments;

namespace ChurnOps.Server.Dashboard.Deployments;

/// <summary>
/// One entry of a deployment's history: what happened, the step whose figures it was decided on (1-based; the step
/// that was current before it), the candidate's weight after it, the arms' figures and the checks.
/// </summary>
internal sealed record DeploymentHistoryRow(
    int Sequence,
    string Action,
    int JudgedStep,
    int CandidateWeight,
    IReadOnlyList<ArmFigures> Figures,
    IReadOnlyList<AnalysisCheck> Checks,
    string? Reason,
    DateTimeOffset At);
