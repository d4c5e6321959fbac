namespace ChurnOps.Core.Monitoring.Drift;

/// <summary>The statistical tests a column can be checked with (Evidently's names in <see cref="DriftTestNames"/>).</summary>
public enum DriftTest
{
    /// <summary>Two-sample Kolmogorov–Smirnov; drift when p ≤ threshold (default 0.05).</summary>
    KolmogorovSmirnov,

    /// <summary>Pearson's chi-square on category counts; drift when p &lt; threshold (default 0.05).</summary>
    ChiSquare,

    /// <summary>Two-proportion Z-test; drift when p &lt; threshold (default 0.05).</summary>
    ZTest,

    /// <summary>Wasserstein-1 distance divided by the reference standard deviation; drift when ≥ threshold (default 0.1).</summary>
    Wasserstein,

    /// <summary>Jensen–Shannon distance; drift when ≥ threshold (default 0.1).</summary>
    JensenShannon,

    /// <summary>Population stability index; drift when ≥ threshold (default 0.1).</summary>
    Psi,
}
