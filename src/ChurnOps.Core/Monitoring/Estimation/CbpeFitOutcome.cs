namespace ChurnOps.Core.Monitoring.Estimation;

/// <summary>A fitted estimator, or why the reference could not be used (e.g. only one class).</summary>
public sealed record CbpeFitOutcome(CbpeEstimator? Estimator, string? Error);
