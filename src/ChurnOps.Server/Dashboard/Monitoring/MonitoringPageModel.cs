namespace ChurnOps.Server.Dashboard.Monitoring;

/// <summary>
/// The Monitoring page of one model: the window length, how many windows back the performance goes, the span, and each
/// version that predicted in it. <see cref="Message"/> says why there is nothing to show (no predictions yet…).
/// </summary>
internal sealed record MonitoringPageModel(
    string Model,
    string Window,
    int Windows,
    DateTimeOffset From,
    DateTimeOffset To,
    string? Message,
    IReadOnlyList<MonitoredVersion> Versions);
