using ChurnOps.Core.Monitoring.Drift;

namespace ChurnOps.Server.Dashboard.Monitoring;

/// <summary>
/// One model version that predicted in the span: drift of its latest window against its training set (per column, with
/// both histograms), its performance window by window, and why a part could not be computed.
/// </summary>
internal sealed record MonitoredVersion(int Version, long Predictions, DriftReport? Drift, IReadOnlyList<PerformancePoint> Performance, IReadOnlyList<string> Notes);
