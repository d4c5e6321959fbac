using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChurnOps.Server.Mlflow;

/// <summary>
/// One view over an MLflow request, whether it came as a GET query string or a POST JSON body. Accessors are tolerant
/// the way protobuf's JSON parser is (int64 as string, NaN as "NaN") and collect every type error in <see cref="Errors"/>.
/// </summary>
internal sealed class MlflowRequest
{
    private readonly JsonObject _body;

    private MlflowRequest(JsonObject body, List<string> errors)
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
            var query = new JsonObject();
            foreach (var (key, values) in context.Request.Query)
            {
                query[key] = values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
            }

            return (new MlflowRequest(query, []), null);
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        if (buffer.Length == 0 || buffer.GetBuffer().AsSpan(0, (int)buffer.Length).Trim(" \t\r\n"u8).IsEmpty)
        {
            return (new MlflowRequest([], []), null);
        }

        try
        {
            var node = JsonNode.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            return node is JsonObject obj ? (new MlflowRequest(obj, []), null) : (null, "Request body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            return (null, "Malformed JSON request body: " + ex.Message);
        }
    }

    public static MlflowRequest From(JsonObject obj, List<string> errors) => new(obj, errors);

    public bool Has(string name) => _body[name] is not null;

    public string? String(string name)
    {
        var node = _body[name];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value)
        {
            if (value.TryGetValue<string>(out var text))
            {
                return text;
            }

            if (value.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
            {
                return value.ToJsonString();
            }
        }

        Errors.Add($"Invalid value {node.ToJsonString()} for parameter '{name}' supplied: expected a string.");
        return null;
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
        var node = _body[name];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value)
        {
            if (value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number))
            {
                return number;
            }

            if (value.TryGetValue<string>(out var text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
            {
                return number;
            }
        }

        Errors.Add($"Invalid value {node.ToJsonString()} for parameter '{name}' supplied: expected an integer.");
        return null;
    }

    public double? Double(string name)
    {
        var node = _body[name];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value)
        {
            if (value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var number))
            {
                return number;
            }

            if (value.TryGetValue<string>(out var text) && TryParseDouble(text, out number))
            {
                return number;
            }
        }

        Errors.Add($"Invalid value {node.ToJsonString()} for parameter '{name}' supplied: expected a number.");
        return null;
    }

    public IReadOnlyList<string> StringList(string name)
    {
        var node = _body[name];
        switch (node)
        {
            case null:
                return [];
            case JsonValue single when single.TryGetValue<string>(out var text):
                return [text];
            case JsonArray array:
                var list = new List<string>(array.Count);
                foreach (var item in array)
                {
                    if (item is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        list.Add(s);
                    }
                    else
                    {
                        Errors.Add($"Invalid value {item?.ToJsonString() ?? "null"} in '{name}': expected a string.");
                    }
                }

                return list;
            default:
                Errors.Add($"Invalid value {node.ToJsonString()} for parameter '{name}' supplied: expected a list of strings.");
                return [];
        }
    }

    /// <summary>A repeated message field (metrics, params, tags, datasets): each element as a request of its own sharing this error list.</summary>
    public IReadOnlyList<MlflowRequest> Objects(string name)
    {
        var node = _body[name];
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            Errors.Add($"Invalid value for parameter '{name}' supplied: expected a list of objects.");
            return [];
        }

        var list = new List<MlflowRequest>(array.Count);
        foreach (var item in array)
        {
            if (item is JsonObject obj)
            {
                list.Add(new MlflowRequest(obj, Errors));
            }
            else
            {
                Errors.Add($"Invalid value {item?.ToJsonString() ?? "null"} in '{name}': expected an object.");
            }
        }

        return list;
    }

    public MlflowRequest? Object(string name)
    {
        var node = _body[name];
        if (node is JsonObject obj)
        {
            return new MlflowRequest(obj, Errors);
        }

        if (node is not null)
        {
            Errors.Add($"Invalid value for parameter '{name}' supplied: expected an object.");
        }

        return null;
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
