namespace ChurnOps.Core.Alerts;

/// <summary>How urgent an alert is: a warning can wait for working hours, critical pages whoever is on call.</summary>
public static class AlertSeverity
{
    public const string Info = "info";
    public const string Warning = "warning";
    public const string Critical = "critical";
}
