namespace ChurnOps.Training.Evaluation;

/// <summary>Confusion counts when every row scoring at least <see cref="Threshold"/> is predicted positive.</summary>
internal readonly record struct CurvePoint(float Threshold, long TruePositives, long FalsePositives);
