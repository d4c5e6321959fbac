namespace ChurnOps.Core.Monitoring.Estimation;

/// <summary>The estimated ROC AUC, precision and recall of one window of scores.</summary>
public sealed record CbpeEstimate(long Rows, EstimatedMetric RocAuc, EstimatedMetric Precision, EstimatedMetric Recall)
{
    public IReadOnlyList<EstimatedMetric> Metrics => [RocAuc, Precision, Recall];
}
