using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using ChurnOps.Core.Data;
using ChurnOps.Server.Invocations;

namespace ChurnOps.Server.Predict;

/// <summary>
/// The native predict endpoint's fast path: reads <c>{"rows": [{column: value, ...}, ...]}</c> in one pass straight into
/// the served model's columns (no document, keys matched as bytes). It accepts only what the full parser
/// (<see cref="InvocationsJsonParser.ParseRecords"/>) accepts with the same table: numbers for numeric and timestamp
/// inputs, true/false or 0/1 for boolean ones, strings for text inputs and the entity key, nulls as missing. It declines
/// everything else — malformed JSON, a key it does not know, a repeated key, text in a number column (timestamps and NaN
/// as text included), an entity key sent as a number, rows of the entity key alone (looked up in the online store) — so
/// every refusal and every rarer shape is told by the full parser, in its words, and this path cannot drift from it.
/// </summary>
internal static class PredictRowsReader
{
    public static bool TryRead(ReadOnlySequence<byte> body, PredictRowsLayout layout, [NotNullWhen(true)] out TabularData? data)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (body.IsSingleSegment)
        {
            return TryRead(body.FirstSpan, layout, out data);
        }

        data = null;
        if (body.Length > Array.MaxLength)
        {
            return false;
        }

        // A body that arrived in several pieces is read as one span; nothing read keeps a reference to the copy.
        var length = (int)body.Length;
        var copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(copy);
            return TryRead(copy.AsSpan(0, length), layout, out data);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    public static bool TryRead(ReadOnlySpan<byte> body, PredictRowsLayout layout, [NotNullWhen(true)] out TabularData? data)
    {
        ArgumentNullException.ThrowIfNull(layout);
        data = null;
        var reader = new Utf8JsonReader(body);
        try
        {
            return TryReadBody(ref reader, layout, out data);
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // A string the reader cannot transcode: the full parser decides what that is.
            return false;
        }
    }

    private static bool TryReadBody(ref Utf8JsonReader reader, PredictRowsLayout layout, [NotNullWhen(true)] out TabularData? data)
    {
        data = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject
            || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("rows"u8)
            || !reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var columns = new PredictRowsColumns(layout);
        var rows = 0;
        var lastRowOf = new int[layout.EntityPosition + 1];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject || rows == InvocationsFormat.MaxRows)
            {
                return false;
            }

            columns.MakeRoomFor(rows);
            var keys = 0;
            var stamp = rows + 1;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var position = reader.ValueIsEscaped ? -1 : layout.PositionOf(reader.ValueSpan);
                if (position < 0 || lastRowOf[position] == stamp || !reader.Read() || !columns.TrySet(position, rows, ref reader))
                {
                    return false;
                }

                lastRowOf[position] = stamp;
                keys++;
            }

            // A row of the entity key alone asks for the online store's features: the full path does that.
            if (reader.TokenType != JsonTokenType.EndObject || (keys == 1 && !layout.EntityIsInput && lastRowOf[layout.EntityPosition] == stamp))
            {
                return false;
            }

            rows++;
        }

        // Only 'rows', at least one, and nothing after the request object.
        if (rows == 0 || !reader.Read() || reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return false;
        }

        for (var i = 0; i < layout.Inputs.Count; i++)
        {
            if (layout.Inputs[i].Required && lastRowOf[i] == 0)
            {
                return false;
            }
        }

        data = columns.Build(rows, sentEntity: lastRowOf[layout.EntityPosition] != 0);
        return true;
    }
}
