using System.Globalization;
using System.Runtime.CompilerServices;
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

    // The signature list is cached per served model, so its name-to-position lookup is built once per model, not per request.
    private static readonly ConditionalWeakTable<IReadOnlyList<InputSpec>, Dictionary<string, int>> Positions = [];

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

        var positions = Positions.GetValue(signature, static s => Enumerable.Range(0, s.Count).ToDictionary(i => s[i].Name, StringComparer.OrdinalIgnoreCase));

        // Parsed columns sit at their signature position: the table comes out in signature order with no second lookup.
        var columns = new TabularColumn?[signature.Count];
        long? rows = null;
        for (var index = 0; index < inputs.Count; index++)
        {
            var tensor = inputs[index];
            if (tensor is null)
            {
                return (null, string.Create(CultureInfo.InvariantCulture, $"inputs[{index}]: expected a tensor object with \"name\", \"shape\", \"datatype\" and \"data\", got null"));
            }

            if (string.IsNullOrWhiteSpace(tensor.Name))
            {
                return (null, string.Create(CultureInfo.InvariantCulture, $"inputs[{index}] has no 'name'"));
            }

            if (!positions.TryGetValue(tensor.Name, out var position))
            {
                return (null, $"input '{Cut(tensor.Name)}' is not an input of this model; expected: {string.Join(", ", signature.Select(s => s.Name))}");
            }

            var spec = signature[position];
            if (columns[position] is not null)
            {
                return (null, $"input '{Cut(tensor.Name)}' appears more than once");
            }

            var (column, count, error) = ParseTensor(tensor, spec);
            if (error is not null)
            {
                return (null, error);
            }

            if (rows is { } r && r != count)
            {
                return (null, $"input '{Cut(tensor.Name)}' has {count} rows but earlier inputs have {r}; every input must have the same first dimension");
            }

            rows = count;
            columns[position] = column;
        }

        var n = (int)rows!.Value;
        var ordered = new TabularColumn[signature.Count];
        List<string>? missing = null;
        for (var i = 0; i < ordered.Length; i++)
        {
            var spec = signature[i];
            if (columns[i] is { } column)
            {
                ordered[i] = column;
            }
            else if (spec.Required)
            {
                (missing ??= []).Add(spec.Name);
            }
            else
            {
                ordered[i] = spec.IsText ? TabularColumn.Text(spec.Name, new string?[n]) : TabularColumn.Numeric(spec.Name, MissingNumbers(n));
            }
        }

        if (missing is not null)
        {
            return (null, $"missing required input(s): {string.Join(", ", missing)}");
        }

        return (new TabularData(ordered), null);
    }

    private static (TabularColumn? Column, long Rows, string? Error) ParseTensor(InferenceTensor tensor, InputSpec spec)
    {
        var name = Cut(tensor.Name!);
        var datatype = tensor.Datatype?.ToUpperInvariant();
        if (datatype is null)
        {
            return (null, 0, $"input '{name}' has no 'datatype'");
        }

        if (spec.IsText && datatype != "BYTES")
        {
            return (null, 0, $"input '{name}' must have datatype BYTES (text), got {Cut(tensor.Datatype!)}");
        }

        var timestampText = spec.IsTimestamp && datatype == "BYTES";
        if (!spec.IsText && !timestampText && !NumericTypes.Contains(datatype))
        {
            return (null, 0, $"input '{name}' must have a numeric datatype (FP32, FP64, INT32, INT64, BOOL…), got {Cut(tensor.Datatype!)}");
        }

        if (tensor.Shape is not { Length: >= 1 } shape || Array.Exists(shape, d => d < 0))
        {
            return (null, 0, $"input '{name}' needs a 'shape' such as [rows] or [rows, 1]");
        }

        if (shape.AsSpan(1).ContainsAnyExcept(1L))
        {
            return (null, 0, $"input '{name}' has shape [{string.Join(", ", shape)}]; each input is one column, so the shape must be [rows] or [rows, 1]");
        }

        var rows = shape[0];
        if (rows > MaxRows)
        {
            return (null, 0, $"input '{name}' has {rows} rows; at most {MaxRows} rows per request");
        }

        if (tensor.Data is not { Kind: JsonValueKind.Array } flat)
        {
            return (null, 0, $"input '{name}' needs 'data' as an array");
        }

        if (flat.Count != rows)
        {
            return (null, 0, $"input '{name}' has shape [{string.Join(", ", shape)}] but {flat.Count} data element(s)");
        }

        if (spec.IsText)
        {
            var texts = new string?[rows];
            for (var i = 0; i < flat.Count; i++)
            {
                var element = flat[i];
                if (element.Kind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    return (null, 0, $"input '{name}' element {i} is {Describe(element.Kind)}, expected a string");
                }

                texts[i] = element.Text;
            }

            return (TabularColumn.Text(spec.Name, texts), rows, null);
        }

        var numbers = new double[rows];
        for (var i = 0; i < flat.Count; i++)
        {
            var element = flat[i];
            switch (element.Kind)
            {
                case JsonValueKind.Number:
                    numbers[i] = element.Number;
                    break;
                case JsonValueKind.True or JsonValueKind.False when datatype == "BOOL":
                    numbers[i] = element.Kind == JsonValueKind.True ? 1 : 0;
                    break;
                case JsonValueKind.Null:
                    numbers[i] = double.NaN;
                    break;
                case JsonValueKind.String when element.Text is "NaN" or "nan":
                    numbers[i] = double.NaN;
                    break;
                case JsonValueKind.String when timestampText:
                    if (!DateTimeOffset.TryParse(element.Text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                    {
                        return (null, 0, string.Create(CultureInfo.InvariantCulture, $"input '{name}' element {i} is not an ISO-8601 date or timestamp"));
                    }

                    numbers[i] = time.ToUnixTimeMilliseconds() / 1000.0;
                    break;
                default:
                    return (null, 0, string.Create(CultureInfo.InvariantCulture, $"input '{name}' element {i} is {Describe(element.Kind)}, expected a number for datatype {datatype}"));
            }

            if (double.IsInfinity(numbers[i]))
            {
                return (null, 0, $"input '{name}' element {i} is infinite");
            }
        }

        return (TabularColumn.Numeric(spec.Name, numbers), rows, null);
    }

    /// <summary>A JSON kind as the protocol's documents say it.</summary>
    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };

    /// <summary>Client text echoed in an error, cut so a megabyte name does not come back as a megabyte message.</summary>
    private static string Cut(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");

    private static double[] MissingNumbers(int rows)
    {
        var numbers = new double[rows];
        Array.Fill(numbers, double.NaN);
        return numbers;
    }
}
