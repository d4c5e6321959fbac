using System.Globalization;
using System.Text.Json;
using ChurnOps.Core.Data;

namespace ChurnOps.Training.Data;

/// <summary>Reads one cell of a request row (CLR values or JSON elements) as a number or text, strictly: a string is not a number.</summary>
internal static class RowValues
{
    public static bool TryNumber(object? raw, ColumnKind kind, out double value)
    {
        value = double.NaN;
        switch (raw)
        {
            case null:
                return true;
            case double d:
                value = d;
                return true;
            case float f:
                value = f;
                return true;
            case int i:
                value = i;
                return true;
            case long l:
                value = l;
                return true;
            case short s:
                value = s;
                return true;
            case byte b:
                value = b;
                return true;
            case decimal m:
                value = (double)m;
                return true;
            case bool flag:
                value = flag ? 1 : 0;
                return true;
            case DateTimeOffset dto when kind == ColumnKind.Timestamp:
                value = dto.ToUnixTimeMilliseconds() / 1000.0;
                return true;
            case DateTime dt when kind == ColumnKind.Timestamp:
                value = new DateTimeOffset(DateTime.SpecifyKind(dt, dt.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : dt.Kind)).ToUnixTimeMilliseconds() / 1000.0;
                return true;
            case string text when kind == ColumnKind.Timestamp:
                return TryTimestamp(text, out value);
            case JsonElement json:
                return TryJsonNumber(json, kind, out value);
            default:
                return false;
        }
    }

    public static bool TryText(object? raw, out string? value)
    {
        switch (raw)
        {
            case null:
                value = null;
                return true;
            case string s:
                value = s;
                return true;
            case JsonElement { ValueKind: JsonValueKind.String } json:
                value = json.GetString();
                return true;
            case JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }:
                value = null;
                return true;
            default:
                value = null;
                return false;
        }
    }

    public static string Describe(object? raw) => raw switch
    {
        JsonElement json => json.ValueKind switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Array => "an array",
            JsonValueKind.Object => "an object",
            _ => json.ValueKind.ToString().ToLowerInvariant(),
        },
        string => "a string",
        bool => "a boolean",
        _ => raw?.GetType().Name ?? "null",
    };

    private static bool TryJsonNumber(JsonElement json, ColumnKind kind, out double value)
    {
        value = double.NaN;
        switch (json.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return true;
            case JsonValueKind.Number:
                value = json.GetDouble();
                return true;
            case JsonValueKind.True:
                value = 1;
                return true;
            case JsonValueKind.False:
                value = 0;
                return true;
            case JsonValueKind.String when kind == ColumnKind.Timestamp:
                return TryTimestamp(json.GetString()!, out value);
            default:
                return false;
        }
    }

    private static bool TryTimestamp(string text, out double value)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed.ToUnixTimeMilliseconds() / 1000.0;
            return true;
        }

        value = double.NaN;
        return false;
    }
}
