namespace ChurnOps.Core.Monitoring.Drift;

/// <summary>A drift report, or the reason none could be made (bad input is a value, not an exception).</summary>
public sealed record DriftOutcome(DriftReport? Report, string? Error)
{
    public bool Succeeded => Report is not null;

    public static DriftOutcome Of(DriftReport report) => new(report, null);

    public static DriftOutcome Failed(string error) => new(null, error);
}
