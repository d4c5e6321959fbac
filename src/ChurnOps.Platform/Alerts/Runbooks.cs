using ChurnOps.Core.Alerts;
using ChurnOps.Platform.Deployments;

namespace ChurnOps.Platform.Alerts;

/// <summary>The project's runbook for each kind of alert: the page whoever is notified opens first (written by init).</summary>
public static class Runbooks
{
    public const string Drift = "runbooks/drift.md";
    public const string Performance = "runbooks/performance.md";
    public const string Sla = "runbooks/sla.md";
    public const string DeploymentRollback = "runbooks/deployment-rollback.md";

    /// <summary>Every alert type ChurnOps raises, with its runbook; `churnops init` writes each of these files.</summary>
    public static IReadOnlyDictionary<string, string> ByAlertType { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Alert.DriftDetected] = Drift,
        [Alert.PerformanceBelowGate] = Performance,
        [Alert.DataSlaViolation] = Sla,
        [DeploymentAlerts.RolledBack] = DeploymentRollback,
    };

    /// <summary>The runbook path (relative to the project root) for an alert type; null for a type without one.</summary>
    public static string? For(string alertType) => ByAlertType.GetValueOrDefault(alertType);
}
