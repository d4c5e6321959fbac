using System.Globalization;
using System.Text.Json;
using ChurnOps.Core.Data;
using ChurnOps.Training.Packaging;

namespace ChurnOps.Server.Invocations;

/// <summary>
/// The rows of a scoring request (MLflow's dataframe shapes, CSV, the native predict form) checked against the model's
/// signature as they are filled in: every column named must be a model input (or the entity key, kept for the
/// prediction log), every required input must be there, and every value must be of its input's kind. Built column-wise,
/// in signature order, so scoring takes it as it is.
/// </summary>
internal sealed class ScoringInputTable
{
    private readonly IReadOnlyList<SignatureColumn> _signature;
    private readonly string _entity;
    private readonly SignatureColumn?[] _specs;
    private readonly double[]?[] _numbers;
    private readonly string?[]?[] _texts;
    private readonly int[] _columnOfInput;
    private readonly int _entityColumn;

    private ScoringInputTable(IReadOnlyList<SignatureColumn> signature, string entity, SignatureColumn?[] specs, int[] columnOfInput, int entityColumn, int rows)
    {
        _signature = signature;
        _entity = entity;
        _specs = specs;
        _columnOfInput = columnOfInput;
        _entityColumn = entityColumn;
        Rows = rows;
        _numbers = new double[]?[specs.Length];
        _texts = new string?[]?[specs.Length];
        for (var i = 0; i < specs.Length; i++)
        {
            if (specs[i] is { } spec && !IsText(spec))
            {
                _numbers[i] = new double[rows];
                Array.Fill(_numbers[i]!, double.NaN);
            }
            else
            {
                _texts[i] = new string?[rows];
            }
        }
    }

    public int Rows { get; }

    /// <summary>The request's column names against the signature; every unknown column and every missing required input at once.</summary>
    public static (ScoringInputTable? Table, string? Error) Create(IReadOnlyList<string> columns, int rows, IReadOnlyList<SignatureColumn> signature, string entity)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(signature);
        if (rows > InvocationsFormat.MaxRows)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"{rows} rows in one request; at most {InvocationsFormat.MaxRows}"));
        }

        var specs = new SignatureColumn?[columns.Count];
        var columnOfInput = new int[signature.Count];
        Array.Fill(columnOfInput, -1);
        var entityColumn = -1;
        List<string>? unknown = null;
        for (var c = 0; c < columns.Count; c++)
        {
            var name = columns[c];
            var input = IndexOf(signature, name);
            if (input >= 0)
            {
                if (columnOfInput[input] >= 0)
                {
                    return (null, $"column '{InvocationsFormat.Cut(name)}' appears more than once");
                }

                columnOfInput[input] = c;
                specs[c] = signature[input];
            }
            else if (name.Equals(entity, StringComparison.OrdinalIgnoreCase))
            {
                if (entityColumn >= 0)
                {
                    return (null, $"column '{InvocationsFormat.Cut(name)}' appears more than once");
                }

                entityColumn = c;
            }
            else
            {
                (unknown ??= []).Add(InvocationsFormat.Cut(name));
            }
        }

        var missing = signature.Where((s, i) => s.Required && columnOfInput[i] < 0).Select(s => s.Name).ToList();
        var problems = new List<string>(2);
        if (unknown is not null)
        {
            problems.Add($"column(s) not taken by the model: {string.Join(", ", unknown.Take(20))}{(unknown.Count > 20 ? ", …" : string.Empty)}");
        }

        if (missing.Count > 0)
        {
            problems.Add($"missing required column(s): {string.Join(", ", missing)}");
        }

        if (problems.Count > 0)
        {
            return (null, $"{string.Join("; ", problems)} (the model takes: {string.Join(", ", signature.Select(s => s.Name))})");
        }

        return (new ScoringInputTable(signature, entity, specs, columnOfInput, entityColumn, rows), null);
    }

    public string ColumnName(int column) => _specs[column]?.Name ?? _entity;

    /// <summary>Sets one cell from a JSON value; null when it fits the column, else what was wrong ("expected a number, got a string").</summary>
    public string? Set(int column, int row, JsonElement value)
    {
        var spec = _specs[column];
        if (spec is null || IsText(spec))
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    _texts[column]![row] = value.GetString();
                    return null;
                case JsonValueKind.Null:
                    return null;
                case JsonValueKind.Number when spec is null:
                    // An entity key sent as a number is the same key as its digits.
                    _texts[column]![row] = value.GetRawText();
                    return null;
                default:
                    return $"expected a string, got {Describe(value.ValueKind)}";
            }
        }

        var numbers = _numbers[column]!;
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number when spec.DataKind != ColumnKind.Boolean || value.GetDouble() is 0 or 1:
                var number = value.GetDouble();
                if (!double.IsFinite(number))
                {
                    return "expected a finite number";
                }

                numbers[row] = number;
                return null;
            case JsonValueKind.True or JsonValueKind.False when spec.DataKind == ColumnKind.Boolean:
                numbers[row] = value.ValueKind == JsonValueKind.True ? 1 : 0;
                return null;
            case JsonValueKind.String when spec.DataKind == ColumnKind.Timestamp || value.ValueEquals("NaN"):
                // JSON has no timestamp or NaN: text carries them. A number column takes no other text (as pandas would refuse it).
                return Set(column, row, value.GetString());
            default:
                return $"expected {Expected(spec)}, got {Describe(value.ValueKind)}";
        }
    }

    /// <summary>
    /// Sets one cell from text (a CSV cell, or a JSON string in a numeric column): empty or null is missing; numbers in
    /// invariant form; booleans true/false/1/0; timestamps ISO-8601 (UTC unless they say otherwise) as well as numbers.
    /// </summary>
    public string? Set(int column, int row, string? text)
    {
        var spec = _specs[column];
        if (spec is null || IsText(spec))
        {
            _texts[column]![row] = string.IsNullOrEmpty(text) ? null : text;
            return null;
        }

        if (string.IsNullOrEmpty(text) || text is "NaN" or "nan")
        {
            return null;
        }

        var numbers = _numbers[column]!;
        switch (spec.DataKind)
        {
            case ColumnKind.Boolean when text is "1" || text.Equals("true", StringComparison.OrdinalIgnoreCase):
                numbers[row] = 1;
                return null;
            case ColumnKind.Boolean when text is "0" || text.Equals("false", StringComparison.OrdinalIgnoreCase):
                numbers[row] = 0;
                return null;
            case ColumnKind.Timestamp when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time):
                numbers[row] = time.ToUnixTimeMilliseconds() / 1000.0;
                return null;
            case ColumnKind.Boolean:
                return "expected a boolean (true/false/1/0), got text";
            default:
                // A timestamp may also come as seconds since the epoch; a number column only as a number.
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                    && (spec.DataKind == ColumnKind.Timestamp || !text.Any(char.IsWhiteSpace)))
                {
                    numbers[row] = number;
                    return null;
                }

                return $"expected {Expected(spec)}, got text";
        }
    }

    /// <summary>The table in signature order (inputs the request left out as missing values), the entity key last when sent.</summary>
    public TabularData Build()
    {
        var columns = new List<TabularColumn>(_signature.Count + 1);
        for (var i = 0; i < _signature.Count; i++)
        {
            var spec = _signature[i];
            var c = _columnOfInput[i];
            if (IsText(spec))
            {
                columns.Add(TabularColumn.Text(spec.Name, c >= 0 ? _texts[c]! : new string?[Rows]));
            }
            else
            {
                var numbers = c >= 0 ? _numbers[c]! : MissingNumbers(Rows);
                columns.Add(TabularColumn.Numeric(spec.Name, numbers, spec.DataKind == ColumnKind.Text ? ColumnKind.Numeric : spec.DataKind));
            }
        }

        if (_entityColumn >= 0)
        {
            columns.Add(TabularColumn.Text(_entity, _texts[_entityColumn]!));
        }

        return new TabularData(columns);
    }

    private static int IndexOf(IReadOnlyList<SignatureColumn> signature, string name)
    {
        for (var i = 0; i < signature.Count; i++)
        {
            if (signature[i].Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsText(SignatureColumn spec) => string.Equals(spec.Kind, "text", StringComparison.OrdinalIgnoreCase);

    private static string Expected(SignatureColumn spec) => spec.DataKind switch
    {
        ColumnKind.Boolean => "a boolean (true/false/1/0)",
        ColumnKind.Timestamp => "a timestamp (ISO-8601 text or seconds since the epoch)",
        _ => "a number",
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };

    private static double[] MissingNumbers(int rows)
    {
        var numbers = new double[rows];
        Array.Fill(numbers, double.NaN);
        return numbers;
    }
}
