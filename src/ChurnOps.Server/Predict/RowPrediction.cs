using System.Text.Json.Serialization;

namespace ChurnOps.Server.Predict;

/// <summary>
/// One row's answer: the probability of churn, the decision at the model's threshold, the version that scored it and
/// the deployment arm that served it ("stable" until a deployment splits traffic), with the row's entity key when sent.
/// </summary>
internal sealed record RowPrediction(
    [property: JsonPropertyName("entity_id")] string? EntityId,
    [property: JsonPropertyName("probability")] double Probability,
    [property: JsonPropertyName("churn")] bool Churn,
    [property: JsonPropertyName("model_version")] int ModelVersion,
    [property: JsonPropertyName("arm")] string? Arm);
