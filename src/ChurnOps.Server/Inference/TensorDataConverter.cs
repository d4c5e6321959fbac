using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChurnOps.Server.Inference;

/// <summary>Reads a tensor's data in one pass over the request: flattens nested arrays, keeps each element's kind.</summary>
internal sealed class TensorDataConverter : JsonConverter<TensorData>
{
    // One scratch list per thread: a request's tensors are read one after another on one thread, and only the exact-size
    // array is kept, so reading a one-row tensor allocates that array and nothing else.
    [ThreadStatic]
    private static List<TensorValue>? t_scratch;

    public override TensorData? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            var kind = KindOf(reader.TokenType);
            SkipValue(ref reader);
            return new TensorData(kind, []);
        }

        var values = t_scratch ??= new List<TensorValue>(16);
        values.Clear();
        try
        {
            ReadArray(ref reader, values);
            return new TensorData(JsonValueKind.Array, values.ToArray());
        }
        finally
        {
            // A huge tensor's buffer is not kept for the thread's lifetime.
            if (values.Capacity > 4096)
            {
                t_scratch = null;
            }
            else
            {
                values.Clear();
            }
        }
    }

    public override void Write(Utf8JsonWriter writer, TensorData value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        for (var i = 0; i < value.Count; i++)
        {
            var element = value[i];
            switch (element.Kind)
            {
                case JsonValueKind.Number:
                    writer.WriteNumberValue(element.Number);
                    break;
                case JsonValueKind.String:
                    writer.WriteStringValue(element.Text);
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    writer.WriteBooleanValue(element.Kind == JsonValueKind.True);
                    break;
                default:
                    writer.WriteNullValue();
                    break;
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>Reads the array the reader is on (its StartArray) to its end; nested arrays add their elements in order.</summary>
    private static void ReadArray(ref Utf8JsonReader reader, List<TensorValue> into)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartArray:
                    ReadArray(ref reader, into);
                    break;
                case JsonTokenType.Number:
                    // Beyond double's range reads as infinite, which the parser refuses by name.
                    into.Add(new TensorValue(JsonValueKind.Number, reader.TryGetDouble(out var number) ? number : double.PositiveInfinity, null));
                    break;
                case JsonTokenType.String:
                    into.Add(new TensorValue(JsonValueKind.String, double.NaN, reader.GetString()));
                    break;
                case JsonTokenType.StartObject:
                    // Skipped whole; the parser refuses it by kind.
                    into.Add(new TensorValue(JsonValueKind.Object, double.NaN, null));
                    SkipValue(ref reader);
                    break;
                default:
                    // true, false, null: a single token, nothing to skip.
                    into.Add(new TensorValue(KindOf(reader.TokenType), double.NaN, null));
                    break;
            }
        }
    }

    /// <summary>
    /// Skips an object or array. Skip() throws on any block that is not the last one (a request body still streaming in),
    /// even on a single token; a converter is handed its whole value, so TrySkip always succeeds here, and a single token
    /// needs no skipping at all.
    /// </summary>
    private static void SkipValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
        {
            throw new JsonException("the tensor data ended before its last element");
        }
    }

    private static JsonValueKind KindOf(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.StartObject => JsonValueKind.Object,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        JsonTokenType.Null => JsonValueKind.Null,
        _ => JsonValueKind.Undefined,
    };
}
