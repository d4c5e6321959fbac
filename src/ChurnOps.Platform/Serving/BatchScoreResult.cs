namespace ChurnOps.Platform.Serving;

public sealed record BatchScoreResult(bool Succeeded, string? Error, string ModelName, int ModelVersion, long Rows, long PredictedPositive, double MeanProbability);
