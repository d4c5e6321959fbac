namespace ChurnOps.Training.Evaluation;

/// <summary>
/// A metric on a held-out split with its bootstrap confidence interval. <see cref="Estimate"/> is null when the metric is
/// undefined on the split (AUC with one class present, precision with no predicted positives) and <see cref="Note"/>
/// says why; the bounds are null when too few resamples had the metric defined.
/// </summary>
public sealed record MetricInterval(string Metric, double? Estimate, double? Low, double? High, int DefinedResamples, string? Note = null);
