using System.Text.Json.Serialization;

namespace ChurnOps.Server.Inference;

public sealed record InferenceResponse(
    [property: JsonPropertyName("model_name")] string ModelName,
    [property: JsonPropertyName("model_version")] string ModelVersion,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("outputs")] IReadOnlyList<InferenceOutput> Outputs);

public sealed record InferenceOutput(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("shape")] long[] Shape,
    [property: JsonPropertyName("datatype")] string Datatype,
    [property: JsonPropertyName("data")] object Data);
