using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChurnOps.Server.Inference;

/// <summary>
/// A tensor's "data", read straight from the request into flat row-major values (nested arrays flattened), each keeping
/// its JSON kind so the parser can check it against the datatype. Read without building a JsonDocument per tensor.
/// </summary>
[JsonConverter(typeof(TensorDataConverter))]
public sealed class TensorData
{
    private readonly TensorValue[] _values;

    internal TensorData(JsonValueKind kind, TensorValue[] values)
    {
        Kind = kind;
        _values = values;
    }

    /// <summary>The JSON kind of "data" itself; only Array is valid.</summary>
    public JsonValueKind Kind { get; }

    public int Count => _values.Length;

    public TensorValue this[int index] => _values[index];

    /// <summary>The data of a JSON array, for requests built in code: numbers, strings, booleans and nulls.</summary>
    public static TensorData FromJson(string json) =>
        JsonSerializer.Deserialize(json, InferenceJsonContext.Default.TensorData) ?? throw new ArgumentException("data is null", nameof(json));
}
