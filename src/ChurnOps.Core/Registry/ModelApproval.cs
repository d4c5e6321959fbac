namespace ChurnOps.Core.Registry;

/// <summary>
/// One recorded sign-off (or rejection) of a version: who decided, for which team, when, why, and the gate evidence
/// (metrics and verdict) they saw when deciding.
/// </summary>
public sealed record ModelApproval(
    string ModelName,
    int Version,
    ApprovalDecision Decision,
    string Team,
    string Actor,
    DateTimeOffset DecidedAt,
    string? Note,
    IReadOnlyDictionary<string, double> EvidenceMetrics,
    GateVerdict EvidenceVerdict);
