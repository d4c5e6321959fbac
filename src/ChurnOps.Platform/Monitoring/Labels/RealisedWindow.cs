namespace ChurnOps.Platform.Monitoring.Labels;

/// <summary>
/// Realised performance of one model version over one window of predictions: how many were scored, how many have a
/// label yet, and AUC, precision and recall over the labelled ones (null when undefined: no positives, no negatives,
/// or no predicted positives).
/// </summary>
public sealed record RealisedWindow(
    int ModelVersion,
    DateTimeOffset From,
    DateTimeOffset To,
    long Predictions,
    long Labelled,
    long Positives,
    double? Auc,
    double? Precision,
    double? Recall);
