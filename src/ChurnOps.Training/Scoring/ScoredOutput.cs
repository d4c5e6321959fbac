namespace ChurnOps.Training.Scoring;

/// <summary>The PredictionEngine output: the calibrated probability of the positive class.</summary>
internal sealed class ScoredOutput
{
    public float Probability { get; set; }
}
