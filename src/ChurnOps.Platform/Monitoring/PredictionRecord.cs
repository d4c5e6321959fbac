using System.Text.Json.Serialization;

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
    string? InputsJson)
{
    /// <summary>The deployment whose traffic split routed this prediction; null when none was open.</summary>
    public long? DeploymentId { get; init; }

    /// <summary>The deployment arm that answered (stable or candidate); null when no deployment was open.</summary>
    public string? Arm { get; init; }

    /// <summary>
    /// The scored row, when <see cref="PredictionRecord.InputsJson"/> is null: written as the inputs JSON by the background
    /// writer (or before spooling), so the online request path does no serialisation.
    /// </summary>
    [JsonIgnore]
    public PredictionInputRow? InputRow { get; init; }

    /// <summary>Where the prediction was made durable before it was answered; null for predictions not journaled (batch).</summary>
    [JsonIgnore]
    public JournalPosition? Journal { get; init; }
}
