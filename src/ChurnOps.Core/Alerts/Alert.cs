namespace ChurnOps.Core.Alerts;

/// <summary>
/// A raised alert, e.g. a <c>DataSLAViolation</c>: which contract and rule, what was measured against which threshold,
/// and the team to notify (the contract's producer). Monitoring alerts also carry a cause (one open alert per cause),
/// a severity, their evidence as JSON, a runbook in the project, and a status that moves open → acked → resolved.
/// </summary>
public sealed record Alert(
    long Id,
    string Type,
    string Subject,
    string Rule,
    string Measured,
    string Threshold,
    string Team,
    string Message,
    DateTimeOffset RaisedAt)
{
    public const string DataSlaViolation = "DataSLAViolation";

    /// <summary>Live inputs of a model version drifted from its training set.</summary>
    public const string DriftDetected = "DriftDetected";

    /// <summary>Estimated (CBPE) or realised performance of a model version fell below a gate.</summary>
    public const string PerformanceBelowGate = "PerformanceBelowGate";

    /// <summary>What this alert is about, e.g. <c>drift:churn:v3</c>: while one is open or acked, the same cause raises no second alert.</summary>
    public string? Cause { get; init; }

    /// <summary>One of <see cref="AlertSeverity"/>.</summary>
    public string Severity { get; init; } = AlertSeverity.Warning;

    /// <summary>One of <see cref="AlertStatus"/>.</summary>
    public string Status { get; init; } = AlertStatus.Open;

    /// <summary>The measurements behind the alert, as a JSON object (drifted columns with their tests, metrics…).</summary>
    public string? EvidenceJson { get; init; }

    /// <summary>The project's runbook for this kind of alert, relative to the project root (runbooks/drift.md).</summary>
    public string? Runbook { get; init; }

    /// <summary>When the status last changed (ack or resolve), by whom and why.</summary>
    public DateTimeOffset? StatusChangedAt { get; init; }

    public string? StatusChangedBy { get; init; }

    public string? StatusNote { get; init; }
}
