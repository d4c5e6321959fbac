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
    private const int MaxEchoedValueLength = 200;

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
        // MLflow's Python client sends DELETE parameters as a JSON body, its UI as a query string: take whichever came.
        if (HttpMethods.IsGet(context.Request.Method) || (HttpMethods.IsDelete(context.Request.Method) && context.Request.Query.Count > 0))
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
        var empty = bytes.Span.Trim(" \t\r\n"u8).IsEmpty;
        if (ContentTypeError(context.Request.ContentType, empty) is { } contentTypeError)
        {
            return (null, contentTypeError);
        }

        if (empty)
        {
            return (new MlflowRequest(EmptyObject, []), null);
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.String)
            {
                // Older clients send the JSON object encoded once more as a JSON string; MLflow's handlers accept it.
                using var inner = JsonDocument.Parse(root.GetString()!);
                return inner.RootElement.ValueKind == JsonValueKind.Object
                    ? (new MlflowRequest(inner.RootElement.Clone(), []), null)
                    : (null, "Request body must be a JSON object.");
            }

            return root.ValueKind == JsonValueKind.Object
                ? (new MlflowRequest(root.Clone(), []), null)
                : (null, "Request body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            return (null, "Malformed JSON request body: " + ex.Message);
        }
    }

    /// <summary>
    /// MLflow's _validate_content_type: a body must be declared application/json (parameters such as charset allowed).
    /// A bodiless POST without the header is let through, as nothing is misread.
    /// </summary>
    private static string? ContentTypeError(string? contentType, bool emptyBody)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return emptyBody ? null : "Bad Request. Content-Type header is missing.";
        }

        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            ? null
            : "Bad Request. Content-Type must be one of ['application/json'].";
    }

    public bool Has(string name) => Field(name) is not null;

    public string? String(string name)
    {
        if (Field(name) is not { } value)
        {
            return null;
        }

        // As MLflow's handlers (_assert_string): a number or boolean where a string belongs is refused, not coerced.
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        Errors.Add($"Invalid value {Echo(value)} for parameter '{name}' supplied: expected a string.");
        return null;
    }

    /// <summary>A protobuf enum field: its name as a string, or its number (protobuf's JSON accepts both).</summary>
    public string? EnumName(string name) =>
        Field(name) is { ValueKind: JsonValueKind.Number } value ? value.GetRawText() : String(name);

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

        Errors.Add($"Invalid value {Echo(value)} for parameter '{name}' supplied: expected an integer.");
        return null;
    }

    /// <summary>A bool field: JSON true/false, or "true"/"false" as a query string carries it.</summary>
    public bool? Bool(string name)
    {
        if (Field(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        if (value.ValueKind == JsonValueKind.String && bool.TryParse(value.GetString(), out var parsed))
        {
            return parsed;
        }

        Errors.Add($"Invalid value {Echo(value)} for parameter '{name}' supplied: expected true or false.");
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

        Errors.Add($"Invalid value {Echo(value)} for parameter '{name}' supplied: expected a number.");
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
            Errors.Add($"Invalid value {Echo(value)} for parameter '{name}' supplied: expected a list of strings.");
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
                Errors.Add($"Invalid value {Echo(item)} in '{name}': expected a string.");
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
                Errors.Add($"Invalid value {Echo(item)} in '{name}': expected an object.");
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

    /// <summary>The offending JSON value for a message, cut so a huge value is not echoed back whole.</summary>
    private static string Echo(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= MaxEchoedValueLength ? text : text[..MaxEchoedValueLength] + "…";
    }

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
