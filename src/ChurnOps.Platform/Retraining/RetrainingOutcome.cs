using ChurnOps.Core.Retraining;

namespace ChurnOps.Platform.Retraining;

/// <summary>
/// What a retraining request came to: the recorded retraining (null when nothing new fired, or every trigger was off in
/// monitoring.retrain.on), and why not when it did not start.
/// </summary>
public sealed record RetrainingOutcome(RetrainingRun? Run, string? NotStarted);
