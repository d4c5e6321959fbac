using ChurnOps.Core.Alerts;

namespace ChurnOps.Platform.Alerts;

/// <summary>The project's runbook for each kind of alert: the page whoever is notified opens first (written by init).</summary>
public static class Runbooks
{
    public const string Drift = "runbooks/drift.md";
    public const string Performance = "runbooks/performance.md";
    public const string Sla = "runbooks/sla.md";
    public const string DeploymentRollback = "runbooks/deployment-rollback.md";

    /// <summary>The runbook path (relative to the project root) for an alert type; null for a type without one.</summary>
    public static string? For(string alertType) => alertType switch
    {
        Alert.DriftDetected => Drift,
        Alert.PerformanceBelowGate => Performance,
        Alert.DataSlaViolation => Sla,
        "DeploymentRolledBack" => DeploymentRollback,
        _ => null,
    };
}
