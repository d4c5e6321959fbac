using ChurnOps.Core.Retraining;
using ChurnOps.Platform.Retraining;

namespace ChurnOps.Platform.Monitoring.Live;

/// <summary>What one monitoring pass found per arm, which triggers fired, and the retraining they started.</summary>
public sealed record MonitorRunResult(
    bool Succeeded,
    string? Error,
    string Model,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<ArmReport> Arms,
    IReadOnlyList<RetrainingTrigger> Triggers,
    RetrainingOutcome? Retraining)
{
    public static MonitorRunResult Failed(string model, DateTimeOffset from, DateTimeOffset to, string error) =>
        new(false, error, model, from, to, [], [], null);
}
