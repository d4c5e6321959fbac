using System.Globalization;
using System.Text.Json;

namespace ChurnOps.Server.Mlflow;

/// <summary>
/// One view over an MLflow request, whether it came as a GET query string or a POST JSON body. Accessors are tolerant
/// the way protobuf's JSON parser is (int64 as string, NaN as "NaN") and collect every type error in <see cref="Errors"/>.
/// Reads a parsed JsonElement directly, so a 1,000-metric batch allocates no per-field DOM nodes.
/// </summary>
internal sealed class MlflowRequest
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    private readonly JsonElement _body;

    private MlflowRequest(JsonElement body, List<string> errors)
    {
        _body = body;
        Errors = errors;
    }

    public List<string> Errors { get; }

    public static async Task<(MlflowRequest? Request, string? Error)> ReadAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsDelete(context.Request.Method))
        {
            // Query strings become the same JSON shape a POST would carry: repeated keys turn into arrays, and
            // "run_ids[]=a&run_ids[]=b" (how JavaScript clients write a list) means the same as "run_ids=a&run_ids=b".
            var query = context.Request.Query
                .GroupBy(q => q.Key.EndsWith("[]", StringComparison.Ordinal) ? q.Key[..^2] : q.Key, StringComparer.Ordinal)
                .ToDictionary(
                    g => g.Key,
                    g => g.SelectMany(q => q.Value).ToArray() is var values && values.Length == 1 ? (object?)values[0] : values,
                    StringComparer.Ordinal);
            return (new MlflowRequest(JsonSerializer.SerializeToElement(query), []), null);
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (bytes.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return (new MlflowRequest(EmptyObject, []), null);
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (new MlflowRequest(document.RootElement.Clone(), []), null)
                : (null, "Request body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            return (null, "Malformed JSON request body: " + ex.Message);
        }
    }

    public bool Has(string name) => Field(name) is not null;

    public string? String(string name)
    {
        if (Field(name) is not { } value)
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                return value.GetRawText();
            default:
                Errors.Add($"Invalid value {value.GetRawText()} for parameter '{name}' supplied: expected a string.");
                return null;
        }
    }

    public string? RequiredString(string name)
    {
        var value = String(name);
        if (string.IsNullOrEmpty(value) && !Errors.Any(e => e.Contains($"'{name}'", StringComparison.Ordinal)))
        {
            Errors.Add($"Missing value for required parameter '{name}'.");
        }

        return value;
    }

    public long? Long(string name)
    {
        if (Field(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        Errors.Add($"Invalid value {value.GetRawText()} for parameter '{name}' supplied: expected an integer.");
        return null;
    }

    public double? Double(string name)
    {
        if (Field(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String && TryParseDouble(value.GetString()!, out number))
        {
            return number;
        }

        Errors.Add($"Invalid value {value.GetRawText()} for parameter '{name}' supplied: expected a number.");
        return null;
    }

    public IReadOnlyList<string> StringList(string name)
    {
        if (Field(name) is not { } value)
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return [value.GetString()!];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Errors.Add($"Invalid value {value.GetRawText()} for parameter '{name}' supplied: expected a list of strings.");
            return [];
        }

        var list = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                list.Add(item.GetString()!);
            }
            else
            {
                Errors.Add($"Invalid value {item.GetRawText()} in '{name}': expected a string.");
            }
        }

        return list;
    }

    /// <summary>A repeated message field (metrics, params, tags, datasets): each element as a request of its own sharing this error list.</summary>
    public IReadOnlyList<MlflowRequest> Objects(string name)
    {
        if (Field(name) is not { } value)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Errors.Add($"Invalid value for parameter '{name}' supplied: expected a list of objects.");
            return [];
        }

        var list = new List<MlflowRequest>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                list.Add(new MlflowRequest(item, Errors));
            }
            else
            {
                Errors.Add($"Invalid value {item.GetRawText()} in '{name}': expected an object.");
            }
        }

        return list;
    }

    public MlflowRequest? Object(string name)
    {
        if (Field(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            return new MlflowRequest(value, Errors);
        }

        Errors.Add($"Invalid value for parameter '{name}' supplied: expected an object.");
        return null;
    }

    /// <summary>The field, or null when absent or JSON null (protobuf treats both as unset).</summary>
    private JsonElement? Field(string name) =>
        _body.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? value : null;

    private static bool TryParseDouble(string text, out double value)
    {
        switch (text)
        {
            case "NaN" or "nan":
                value = double.NaN;
                return true;
            case "Infinity" or "inf" or "+Infinity":
                value = double.PositiveInfinity;
                return true;
            case "-Infinity" or "-inf":
                value = double.NegativeInfinity;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
