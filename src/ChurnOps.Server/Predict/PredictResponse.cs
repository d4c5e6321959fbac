using System.Text.Json.Serialization;

namespace ChurnOps.Server.Predict;

/// <summary>The native predict answer: one entry per row, in request order, and the request id the log carries.</summary>
internal sealed record PredictResponse(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("request_id")] string RequestId,
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("predictions")] IReadOnlyList<RowPrediction> Predictions);
