using System.Globalization;
using System.Text.Json;
using ChurnOps.Core.Data;

namespace ChurnOps.Server.Inference;

/// <summary>
/// Turns an Open Inference Protocol request into a column table that matches the model's signature, or a precise error:
/// unknown tensor name, wrong datatype, a shape that does not match the data, rows of unequal length, missing inputs.
/// </summary>
public static class InferenceRequestParser
{
    public const int MaxRows = 100_000;

    private static readonly HashSet<string> NumericTypes = new(StringComparer.Ordinal)
    {
        "BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64", "FP16", "FP32", "FP64",
    };

    public static (TabularData? Data, string? Error) Parse(InferenceRequest? request, IReadOnlyList<InputSpec> signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (request?.Inputs is not { Count: > 0 } inputs)
        {
            return (null, "request has no 'inputs'");
        }

        var expected = signature.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        var columns = new Dictionary<string, TabularColumn>(StringComparer.OrdinalIgnoreCase);
        long? rows = null;
        foreach (var tensor in inputs)
        {
            if (string.IsNullOrWhiteSpace(tensor.Name))
            {
                return (null, "an input tensor has no 'name'");
            }

            if (!expected.TryGetValue(tensor.Name, out var spec))
            {
                return (null, $"input '{tensor.Name}' is not an input of this model; expected: {string.Join(", ", signature.Select(s => s.Name))}");
            }

            if (columns.ContainsKey(spec.Name))
            {
                return (null, $"input '{tensor.Name}' appears more than once");
            }

            var (column, count, error) = ParseTensor(tensor, spec);
            if (error is not null)
            {
                return (null, error);
            }

            if (rows is { } r && r != count)
            {
                return (null, $"input '{tensor.Name}' has {count} rows but earlier inputs have {r}; every input must have the same first dimension");
            }

            rows = count;
            columns[spec.Name] = column!;
        }

        var missing = signature.Where(s => s.Required && !columns.ContainsKey(s.Name)).Select(s => s.Name).ToList();
        if (missing.Count > 0)
        {
            return (null, $"missing required input(s): {string.Join(", ", missing)}");
        }

        var n = (int)rows!.Value;
        var ordered = signature.Select(s => columns.TryGetValue(s.Name, out var c)
            ? c
            : s.IsText ? TabularColumn.Text(s.Name, new string?[n]) : TabularColumn.Numeric(s.Name, Enumerable.Repeat(double.NaN, n).ToArray()))
            .ToList();
        return (new TabularData(ordered), null);
    }

    private static (TabularColumn? Column, long Rows, string? Error) ParseTensor(InferenceTensor tensor, InputSpec spec)
    {
        var name = tensor.Name!;
        var datatype = tensor.Datatype?.ToUpperInvariant();
        if (datatype is null)
        {
            return (null, 0, $"input '{name}' has no 'datatype'");
        }

        if (spec.IsText && datatype != "BYTES")
        {
            return (null, 0, $"input '{name}' must have datatype BYTES (text), got {tensor.Datatype}");
        }

        if (!spec.IsText && !NumericTypes.Contains(datatype))
        {
            return (null, 0, $"input '{name}' must have a numeric datatype (FP32, FP64, INT32, INT64, BOOL…), got {tensor.Datatype}");
        }

        if (tensor.Shape is not { Length: >= 1 } shape || shape.Any(d => d < 0))
        {
            return (null, 0, $"input '{name}' needs a 'shape' such as [rows] or [rows, 1]");
        }

        if (shape.Skip(1).Any(d => d != 1))
        {
            return (null, 0, $"input '{name}' has shape [{string.Join(", ", shape)}]; each input is one column, so the shape must be [rows] or [rows, 1]");
        }

        var rows = shape[0];
        if (rows > MaxRows)
        {
            return (null, 0, $"input '{name}' has {rows} rows; at most {MaxRows} rows per request");
        }

        var flat = new List<JsonElement>();
        if (tensor.Data.ValueKind != JsonValueKind.Array)
        {
            return (null, 0, $"input '{name}' needs 'data' as an array");
        }

        Flatten(tensor.Data, flat);
        if (flat.Count != rows)
        {
            return (null, 0, $"input '{name}' has shape [{string.Join(", ", shape)}] but {flat.Count} data element(s)");
        }

        if (spec.IsText)
        {
            var texts = new string?[rows];
            for (var i = 0; i < flat.Count; i++)
            {
                texts[i] = flat[i].ValueKind switch
                {
                    JsonValueKind.String => flat[i].GetString(),
                    JsonValueKind.Null => null,
                    _ => null,
                };
                if (flat[i].ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    return (null, 0, $"input '{name}' element {i} is {flat[i].ValueKind}, expected a string");
                }
            }

            return (TabularColumn.Text(spec.Name, texts), rows, null);
        }

        var numbers = new double[rows];
        for (var i = 0; i < flat.Count; i++)
        {
            var element = flat[i];
            switch (element.ValueKind)
            {
                case JsonValueKind.Number:
                    numbers[i] = element.GetDouble();
                    break;
                case JsonValueKind.True or JsonValueKind.False when datatype == "BOOL":
                    numbers[i] = element.GetBoolean() ? 1 : 0;
                    break;
                case JsonValueKind.Null:
                    numbers[i] = double.NaN;
                    break;
                case JsonValueKind.String when element.GetString() is "NaN" or "nan":
                    numbers[i] = double.NaN;
                    break;
                default:
                    return (null, 0, string.Create(CultureInfo.InvariantCulture, $"input '{name}' element {i} is {element.ValueKind}, expected a number for datatype {datatype}"));
            }

            if (double.IsInfinity(numbers[i]))
            {
                return (null, 0, $"input '{name}' element {i} is infinite");
            }
        }

        return (TabularColumn.Numeric(spec.Name, numbers), rows, null);
    }

    private static void Flatten(JsonElement element, List<JsonElement> into)
    {
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Array)
            {
                Flatten(item, into);
            }
            else
            {
                into.Add(item);
            }
        }
    }
}
