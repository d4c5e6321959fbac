using System.Text.Json;

namespace ChurnOps.Server.Inference;

/// <summary>
/// One element of a tensor's data as the client sent it: its JSON kind, and the number or string it held.
/// A number beyond double's range is held as infinity.
/// </summary>
public readonly record struct TensorValue(JsonValueKind Kind, double Number, string? Text);
