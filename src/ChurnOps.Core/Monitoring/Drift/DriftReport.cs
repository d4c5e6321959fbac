namespace ChurnOps.Core.Monitoring.Drift;

/// <summary>Per-column results and the dataset verdict (share of drifted feature columns against the configured share).</summary>
public sealed record DriftReport
{
    public required IReadOnlyList<ColumnDriftResult> Columns { get; init; }

    public long ReferenceRows { get; init; }

    public long CurrentRows { get; init; }

    /// <summary>Feature columns tested and how many of them drifted (prediction and label columns are reported apart).</summary>
    public int FeatureColumns { get; init; }

    public int DriftedFeatureColumns { get; init; }

    public double DriftShare { get; init; }

    public double DatasetDriftShare { get; init; }

    public bool DatasetDrift { get; init; }

    public ColumnDriftResult? PredictionDrift => Columns.FirstOrDefault(c => c.Role == DriftColumnRole.Prediction);

    public ColumnDriftResult? LabelDrift => Columns.FirstOrDefault(c => c.Role == DriftColumnRole.Label);
}
