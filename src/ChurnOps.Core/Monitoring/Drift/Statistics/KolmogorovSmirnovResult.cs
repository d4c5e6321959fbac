namespace ChurnOps.Core.Monitoring.Drift.Statistics;

/// <summary>The two-sample KS statistic D, its two-sided p-value, and whether the p-value is exact or asymptotic.</summary>
internal readonly record struct KolmogorovSmirnovResult(double Statistic, double PValue, bool Exact);
