using ChurnOps.Core.Alerts;

namespace ChurnOps.Platform.Contracts;

public sealed record SlaReport(IReadOnlyList<SlaMeasurement> Measurements, IReadOnlyList<Alert> Alerts, IReadOnlyList<string> DeliveryErrors, IReadOnlyList<string> Errors)
{
    public bool AllMet => Measurements.All(m => m.Met) && Errors.Count == 0;
}
