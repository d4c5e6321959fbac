using ChurnOps.Core.Monitoring.Drift;
using ChurnOps.Core.Monitoring.Estimation;
using ChurnOps.Platform.Alerts;
using ChurnOps.Platform.Monitoring.Labels;

namespace ChurnOps.Platform.Monitoring.Live;

/// <summary>
/// One arm (model version) in the window: its drift against its training set, the CBPE estimate next to the realised
/// performance, the alerts raised (or already open), and why a part could not be computed.
/// </summary>
public sealed record ArmReport(int ModelVersion, long Predictions)
{
    public DriftReport? Drift { get; init; }

    /// <summary>Names of the input columns that drifted (prediction and label drift are in <see cref="Drift"/>).</summary>
    public IReadOnlyList<string> DriftedColumns { get; init; } = [];

    public CbpeEstimate? Estimated { get; init; }

    public RealisedPerformanceReport? Realised { get; init; }

    /// <summary>Metrics (estimated or realised) below their gate, as "estimated auc 0.61 < min_auc 0.70".</summary>
    public IReadOnlyList<string> BelowGate { get; init; } = [];

    public IReadOnlyList<RaisedAlert> Alerts { get; init; } = [];

    /// <summary>Estimated next to realised performance per window, oldest first (one window for `monitor run`).</summary>
    public IReadOnlyList<PerformancePoint> Timeline { get; init; } = [];

    /// <summary>Why drift, estimation or realised performance could not be computed for this arm.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
