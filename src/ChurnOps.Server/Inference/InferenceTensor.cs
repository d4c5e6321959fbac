using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChurnOps.Server.Inference;

/// <summary>One named tensor of the Open Inference Protocol (KServe v2). Rows are the first dimension.</summary>
public sealed class InferenceTensor
{
    [JsonPropertyName("name")]
    [JsonConverter(typeof(InternedStringConverter))]
    public string? Name { get; set; }

    [JsonPropertyName("shape")]
    public long[]? Shape { get; set; }

    [JsonPropertyName("datatype")]
    [JsonConverter(typeof(InternedStringConverter))]
    public string? Datatype { get; set; }

    [JsonPropertyName("parameters")]
    public Dictionary<string, JsonElement>? Parameters { get; set; }

    /// <summary>Row-major data, flat or nested, flattened as read; each element keeps its JSON kind to be checked against the datatype.</summary>
    [JsonPropertyName("data")]
    public TensorData? Data { get; set; }
}
