namespace ChurnOps.Training.Evaluation;

/// <summary>The confusion counts at every distinct score (highest first), from which ROC, PR and thresholds are read.</summary>
internal sealed record ScoreCurve(IReadOnlyList<CurvePoint> Points, int Positives, int Negatives);
