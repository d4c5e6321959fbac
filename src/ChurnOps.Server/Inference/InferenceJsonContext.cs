using System.Text.Json.Serialization;

namespace ChurnOps.Server.Inference;

/// <summary>Source-generated request metadata: the infer endpoint reads every request through it.</summary>
[JsonSerializable(typeof(InferenceRequest))]
[JsonSerializable(typeof(TensorData))]
internal sealed partial class InferenceJsonContext : JsonSerializerContext;
