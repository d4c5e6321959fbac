namespace ChurnOps.Core.Monitoring.Estimation;

/// <summary>A window's estimate, or why there is none (e.g. a window with no predictions).</summary>
public sealed record CbpeWindowOutcome(CbpeEstimate? Estimate, string? Error);
