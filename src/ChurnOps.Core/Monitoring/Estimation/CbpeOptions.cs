namespace ChurnOps.Core.Monitoring.Estimation;

/// <summary>CBPE settings: the score at or above which the model predicts churn, and the width of the band in sampling errors (NannyML: 3).</summary>
public sealed record CbpeOptions
{
    public double Threshold { get; init; } = 0.5;

    public double BandWidth { get; init; } = 3;

    /// <summary>
    /// How many label sets are drawn from the window's calibrated probabilities to measure how far the realised metrics
    /// can fall from the estimate (0 = only NannyML's reference-based sampling error).
    /// </summary>
    public int Replicates { get; init; } = 200;

    /// <summary>The seed of those draws, so an estimate is reproducible.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Calibrate the scores on the reference first (isotonic); false trusts the scores as probabilities.</summary>
    public bool Calibrate { get; init; } = true;
}
