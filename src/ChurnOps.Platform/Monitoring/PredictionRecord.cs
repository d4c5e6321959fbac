namespace ChurnOps.Platform.Monitoring;

/// <summary>One logged prediction (online or batch), the raw material for drift and performance monitoring.</summary>
public sealed record PredictionRecord(
    string PredictionId,
    string ModelName,
    int ModelVersion,
    string? EntityId,
    double Probability,
    bool Label,
    string Source,
    DateTimeOffset ScoredAt,
    string? InputsJson);
