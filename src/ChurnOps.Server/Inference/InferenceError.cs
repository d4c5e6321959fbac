using System.Text.Json.Serialization;

namespace ChurnOps.Server.Inference;

/// <summary>The Open Inference Protocol's error body.</summary>
public sealed record InferenceError([property: JsonPropertyName("error")] string Error);
