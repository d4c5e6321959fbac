using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using ChurnOps.Core.Data;

namespace ChurnOps.Server.Inference;

/// <summary>
/// The infer endpoint's fast path: reads a well-formed request body in one pass straight into the served model's
/// columns (no request object graph, no string per number, tensor names matched as bytes). It accepts only what the full
/// reader and parser (<see cref="InferenceRequestReader"/>, <see cref="InferenceRequestParser"/>) would accept with the
/// same table, and declines everything else — malformed JSON, a wrong type, an unknown or repeated name, an order it
/// does not follow (data before its name, datatype and shape) — so that every refusal is told by the full parser, in
/// its words, and this path cannot drift from it.
/// </summary>
internal static class InferenceColumnReader
{
    private enum Datatype
    {
        Unknown,
        Bytes,
        Number,
        Bool,
    }

    /// <summary>Reads a complete body; false when the full parser must look at it (a refusal, or a shape this path leaves to it).</summary>
    public static bool TryRead(ReadOnlySequence<byte> body, InferenceInputLayout layout, out InferenceBody result)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (body.IsSingleSegment)
        {
            return TryRead(body.FirstSpan, layout, out result);
        }

        if (body.Length > Array.MaxLength)
        {
            result = default;
            return false;
        }

        // A body that arrived in several pieces is read as one span; nothing read keeps a reference to the copy.
        var length = (int)body.Length;
        var copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(copy);
            return TryRead(copy.AsSpan(0, length), layout, out result);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    public static bool TryRead(ReadOnlySpan<byte> body, InferenceInputLayout layout, out InferenceBody result)
    {
        ArgumentNullException.ThrowIfNull(layout);
        result = default;
        var reader = new Utf8JsonReader(body);
        try
        {
            return TryReadRequest(ref reader, layout, out result);
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // A string the reader cannot transcode: the full reader decides what that is.
            return false;
        }
    }

    private static bool TryReadRequest(ref Utf8JsonReader reader, InferenceInputLayout layout, out InferenceBody result)
    {
        result = default;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        string? id = null;
        Dictionary<string, JsonElement>? parameters = null;
        var columns = new TabularColumn?[layout.Count];
        var rows = -1L;
        bool seenId = false, seenParameters = false, seenInputs = false, seenOutputs = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("inputs"u8))
            {
                if (!First(ref seenInputs) || !reader.Read() || !TryReadInputs(ref reader, layout, columns, ref rows))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                if (!First(ref seenId) || !reader.Read() || reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
                {
                    return false;
                }

                id = reader.GetString();
            }
            else if (reader.ValueTextEquals("parameters"u8))
            {
                if (!First(ref seenParameters) || !reader.Read() || !TryReadParameters(ref reader, out parameters))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("outputs"u8))
            {
                if (!First(ref seenOutputs) || !reader.Read() || reader.TokenType is not (JsonTokenType.StartArray or JsonTokenType.Null))
                {
                    return false;
                }

                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // Anything after the request object, or no inputs at all, is the full parser's to describe.
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read() || rows < 0)
        {
            return false;
        }

        var n = (int)rows;
        for (var i = 0; i < columns.Length; i++)
        {
            if (columns[i] is not null)
            {
                continue;
            }

            var spec = layout.Signature[i];
            if (spec.Required)
            {
                return false;
            }

            columns[i] = spec.IsText ? TabularColumn.Text(spec.Name, new string?[n]) : TabularColumn.Numeric(spec.Name, MissingNumbers(n));
        }

        result = new InferenceBody(new TabularData(columns!), id, parameters);
        return true;
    }

    private static bool TryReadInputs(ref Utf8JsonReader reader, InferenceInputLayout layout, TabularColumn?[] columns, ref long rows)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject || !TryReadTensor(ref reader, layout, columns, ref rows))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One tensor object, its name, datatype and shape before its data (the order clients write them).</summary>
    private static bool TryReadTensor(ref Utf8JsonReader reader, InferenceInputLayout layout, TabularColumn?[] columns, ref long rows)
    {
        var position = -1;
        var datatype = Datatype.Unknown;
        var shapeRows = -1L;
        TabularColumn? column = null;
        var seenParameters = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                if (position >= 0 || !reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
                {
                    return false;
                }

                position = layout.PositionOf(reader.ValueSpan);
                if (position < 0 || columns[position] is not null)
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("datatype"u8))
            {
                if (datatype != Datatype.Unknown || !reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
                {
                    return false;
                }

                datatype = DatatypeOf(reader.ValueSpan);
                if (datatype == Datatype.Unknown)
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("shape"u8))
            {
                if (shapeRows >= 0 || !reader.Read() || !TryReadShape(ref reader, out shapeRows))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                if (column is not null || position < 0 || shapeRows < 0 || !reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                {
                    return false;
                }

                var spec = layout.Signature[position];
                if (spec.IsText != (datatype == Datatype.Bytes) || datatype == Datatype.Unknown)
                {
                    return false;
                }

                column = spec.IsText ? ReadTexts(ref reader, spec.Name, shapeRows) : ReadNumbers(ref reader, spec.Name, shapeRows, datatype == Datatype.Bool);
                if (column is null)
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("parameters"u8))
            {
                if (!First(ref seenParameters) || !reader.Read() || reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.Null))
                {
                    return false;
                }

                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || column is null || (rows >= 0 && rows != shapeRows))
        {
            return false;
        }

        rows = shapeRows;
        columns[position] = column;
        return true;
    }

    /// <summary>[rows] or [rows, 1, …]: non-negative integers, at most <see cref="InferenceRequestParser.MaxRows"/> rows.</summary>
    private static bool TryReadShape(ref Utf8JsonReader reader, out long rows)
    {
        rows = -1;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var dimensions = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var dimension))
            {
                return false;
            }

            if (dimensions++ == 0)
            {
                rows = dimension;
            }
            else if (dimension != 1)
            {
                return false;
            }
        }

        return dimensions > 0 && rows is >= 0 and <= InferenceRequestParser.MaxRows;
    }

    private static TabularColumn? ReadNumbers(ref Utf8JsonReader reader, string name, long rows, bool booleans)
    {
        var numbers = new double[rows];
        var count = 0;
        return TryReadNumbers(ref reader, numbers, ref count, booleans) && count == numbers.Length ? TabularColumn.Numeric(name, numbers) : null;
    }

    /// <summary>The array the reader is on, nested arrays flattened in order: numbers, null and "NaN" as missing, booleans for BOOL.</summary>
    private static bool TryReadNumbers(ref Utf8JsonReader reader, double[] numbers, ref int count, bool booleans)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                if (!TryReadNumbers(ref reader, numbers, ref count, booleans))
                {
                    return false;
                }

                continue;
            }

            if (count == numbers.Length)
            {
                return false;
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.Number when reader.TryGetDouble(out var number) && double.IsFinite(number):
                    numbers[count++] = number;
                    break;
                case JsonTokenType.True or JsonTokenType.False when booleans:
                    numbers[count++] = reader.TokenType == JsonTokenType.True ? 1 : 0;
                    break;
                case JsonTokenType.Null:
                    numbers[count++] = double.NaN;
                    break;
                case JsonTokenType.String when reader.ValueTextEquals("NaN"u8) || reader.ValueTextEquals("nan"u8):
                    numbers[count++] = double.NaN;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    private static TabularColumn? ReadTexts(ref Utf8JsonReader reader, string name, long rows)
    {
        var texts = new string?[rows];
        var count = 0;
        return TryReadTexts(ref reader, texts, ref count) && count == texts.Length ? TabularColumn.Text(name, texts) : null;
    }

    /// <summary>The array the reader is on, nested arrays flattened: strings (the repeated categories shared) and null.</summary>
    private static bool TryReadTexts(ref Utf8JsonReader reader, string?[] texts, ref int count)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                if (!TryReadTexts(ref reader, texts, ref count))
                {
                    return false;
                }

                continue;
            }

            if (count == texts.Length)
            {
                return false;
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.String when reader.ValueIsEscaped || Utf8.IsValid(reader.ValueSpan):
                    texts[count++] = InternedStringConverter.ReadShared(ref reader);
                    break;
                case JsonTokenType.Null:
                    texts[count++] = null;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>The request's parameters (the entity id a deployment routes by travels there), each value kept as JSON.</summary>
    private static bool TryReadParameters(ref Utf8JsonReader reader, out Dictionary<string, JsonElement>? parameters)
    {
        parameters = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        parameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            if (!reader.Read() || !parameters.TryAdd(key, JsonElement.ParseValue(ref reader)))
            {
                return false;
            }
        }

        return true;
    }

    private static Datatype DatatypeOf(ReadOnlySpan<byte> text)
    {
        if (System.Text.Ascii.EqualsIgnoreCase(text, "BYTES"u8))
        {
            return Datatype.Bytes;
        }

        if (System.Text.Ascii.EqualsIgnoreCase(text, "BOOL"u8))
        {
            return Datatype.Bool;
        }

        foreach (var numeric in (ReadOnlySpan<string>)["FP64", "FP32", "INT64", "INT32", "FP16", "INT16", "INT8", "UINT64", "UINT32", "UINT16", "UINT8"])
        {
            if (System.Text.Ascii.EqualsIgnoreCase(text, numeric))
            {
                return Datatype.Number;
            }
        }

        return Datatype.Unknown;
    }

    /// <summary>Marks a property as seen; false when it was already (a repeated property is the full parser's to judge).</summary>
    private static bool First(ref bool seen)
    {
        if (seen)
        {
            return false;
        }

        seen = true;
        return true;
    }

    private static double[] MissingNumbers(int rows)
    {
        var numbers = new double[rows];
        Array.Fill(numbers, double.NaN);
        return numbers;
    }
}
