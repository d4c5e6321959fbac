namespace ChurnOps.Core.Monitoring.Drift;

/// <summary>What a column is to the model: an input, its score (prediction drift) or its label (label drift).</summary>
public enum DriftColumnRole
{
    Feature,
    Prediction,
    Label,
}
