namespace ChurnOps.Platform.Monitoring.Live;

/// <summary>`churnops monitor run`: the model, the window ending now, optionally one version (arm), and whether triggers may retrain.</summary>
public sealed record MonitorRunRequest(string Model, TimeSpan Window, int? Version, bool Retrain, string User)
{
    /// <summary>
    /// How many windows of <see cref="MonitorRunRequest.Window"/> the performance-over-time series covers, back from now
    /// (drift and the alerts judge the newest one only).
    /// </summary>
    public int Windows { get; init; } = 1;

    /// <summary>False for a look that changes nothing (`monitor report`): no alerts, no events, no triggers.</summary>
    public bool RaiseAlerts { get; init; } = true;
}
