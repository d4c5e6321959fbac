using System.Text.Json;
using ChurnOps.Core.Data;

namespace ChurnOps.Server.Inference;

/// <summary>An infer request read straight into the model's columns: the table in signature order, the client's id and parameters.</summary>
internal readonly record struct InferenceBody(TabularData Data, string? Id, Dictionary<string, JsonElement>? Parameters);
