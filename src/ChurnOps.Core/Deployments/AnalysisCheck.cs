namespace ChurnOps.Core.Deployments;

/// <summary>One named check of a step's analysis (error_rate, p99_latency, score_psi…): what was measured against which threshold.</summary>
public sealed record AnalysisCheck(string Name, CheckOutcome Outcome, string Measured, string Threshold, string Message);
