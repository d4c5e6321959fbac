using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChurnOps.Server.Inference;

public sealed class InferenceRequest
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("parameters")]
    public Dictionary<string, JsonElement>? Parameters { get; set; }

    [JsonPropertyName("inputs")]
    public List<InferenceTensor>? Inputs { get; set; }

    [JsonPropertyName("outputs")]
    public List<JsonElement>? Outputs { get; set; }
}
