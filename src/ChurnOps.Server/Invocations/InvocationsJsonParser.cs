using System.Globalization;
using System.Text.Json;
using ChurnOps.Core.Data;
using ChurnOps.Training.Packaging;

namespace ChurnOps.Server.Invocations;

/// <summary>
/// Reads MLflow's JSON scoring input into the model's table: exactly one of <c>dataframe_split</c> ({columns, data[,
/// index]}), <c>dataframe_records</c> (a list of row objects), <c>instances</c> (a list of row objects) or <c>inputs</c>
/// (an object of equal-length columns, or a list of row objects), with an optional <c>params</c> that is ignored. Every
/// refusal names its place in the request (<c>dataframe_split.data[3][2] (column 'age'): expected a number, got a string</c>).
/// </summary>
internal static class InvocationsJsonParser
{
    public static (TabularData? Data, ScoringProtocolError? Error) Parse(JsonElement root, IReadOnlyList<SignatureColumn> signature, string entity)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (root.ValueKind == JsonValueKind.Array)
        {
            return Fail($"{InvocationsFormat.RequiredFields}. Received a list.");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fail($"{InvocationsFormat.RequiredFields}. Received unexpected input type '{Kind(root.ValueKind)}'.");
        }

        var keys = new List<string>();
        string? format = null;
        var formats = 0;
        foreach (var property in root.EnumerateObject())
        {
            keys.Add(property.Name);
            if (InvocationsFormat.IsFormat(property.Name))
            {
                format = property.Name;
                formats++;
            }
        }

        if (formats != 1)
        {
            return Fail($"{InvocationsFormat.RequiredFields}. Received dictionary with input fields: [{string.Join(", ", keys.Take(20).Select(k => "'" + InvocationsFormat.Cut(k) + "'"))}].");
        }

        // MLflow drops other fields silently; a misspelt field is more likely a client bug than something to ignore.
        if (keys.FirstOrDefault(k => !InvocationsFormat.IsFormat(k) && k != InvocationsFormat.Params) is { } stray)
        {
            return Fail($"unknown field '{InvocationsFormat.Cut(stray)}' next to '{format}'; the request may hold only '{format}' and 'params'");
        }

        var value = root.GetProperty(format!);
        return format switch
        {
            InvocationsFormat.DataframeSplit => Split(value, signature, entity),
            InvocationsFormat.DataframeRecords => ParseRecords(value, format, signature, entity),
            InvocationsFormat.Instances when value.ValueKind == JsonValueKind.Object =>
                Fail("instances: expected a list of row objects ({\"column\": value, ...}); for named columns of values use 'inputs'"),
            InvocationsFormat.Inputs when value.ValueKind == JsonValueKind.Object => Columns(value, format, signature, entity),
            _ => ParseRecords(value, format!, signature, entity),
        };
    }

    /// <summary>pandas' "split" orientation: column names once, rows as lists in the same order, an optional index.</summary>
    private static (TabularData?, ScoringProtocolError?) Split(JsonElement split, IReadOnlyList<SignatureColumn> signature, string entity)
    {
        const string Place = InvocationsFormat.DataframeSplit;
        if (split.ValueKind != JsonValueKind.Object)
        {
            return Fail($"{Place}: expected an object with 'columns' and 'data', got {Kind(split.ValueKind)}");
        }

        foreach (var property in split.EnumerateObject())
        {
            if (property.Name is not ("columns" or "data" or "index"))
            {
                return Fail($"{Place}: unknown field '{InvocationsFormat.Cut(property.Name)}'; expected 'columns', 'data' and optionally 'index'");
            }
        }

        if (!split.TryGetProperty("columns", out var columnsJson) || columnsJson.ValueKind != JsonValueKind.Array)
        {
            return Fail($"{Place}.columns: expected a list of column names");
        }

        var columns = new List<string>(columnsJson.GetArrayLength());
        foreach (var name in columnsJson.EnumerateArray())
        {
            if (name.ValueKind != JsonValueKind.String)
            {
                return Fail(string.Create(CultureInfo.InvariantCulture, $"{Place}.columns[{columns.Count}]: expected a column name (a string), got {Kind(name.ValueKind)}"));
            }

            columns.Add(name.GetString()!);
        }

        if (!split.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            return Fail($"{Place}.data: expected a list of rows (each a list of values in the order of 'columns')");
        }

        var rows = data.GetArrayLength();
        if (rows == 0)
        {
            return Fail($"{Place}.data: is empty; send at least one row to score");
        }

        if (split.TryGetProperty("index", out var index) && (index.ValueKind != JsonValueKind.Array || index.GetArrayLength() != rows))
        {
            return Fail(string.Create(CultureInfo.InvariantCulture, $"{Place}.index: expected a list with one entry per row of 'data' ({rows})"));
        }

        var (table, error) = ScoringInputTable.Create(columns, rows, signature, entity);
        if (table is null)
        {
            return Fail(error!);
        }

        var r = 0;
        foreach (var row in data.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array)
            {
                return Fail(string.Create(CultureInfo.InvariantCulture, $"{Place}.data[{r}]: expected a list of values, got {Kind(row.ValueKind)}"));
            }

            var cells = row.GetArrayLength();
            if (cells != columns.Count)
            {
                return Fail(string.Create(CultureInfo.InvariantCulture, $"{Place}.data[{r}]: has {cells} value(s) but 'columns' names {columns.Count}; every row needs one value per column"));
            }

            var c = 0;
            foreach (var cell in row.EnumerateArray())
            {
                if (table.Set(c, r, cell) is { } problem)
                {
                    return Fail(string.Create(CultureInfo.InvariantCulture, $"{Place}.data[{r}][{c}] (column '{table.ColumnName(c)}'): {problem}"));
                }

                c++;
            }

            r++;
        }

        return (table.Build(), null);
    }

    /// <summary>A list of row objects; a column a row leaves out is a missing value in that row.</summary>
    public static (TabularData? Data, ScoringProtocolError? Error) ParseRecords(JsonElement records, string place, IReadOnlyList<SignatureColumn> signature, string entity)
    {
        if (records.ValueKind != JsonValueKind.Array)
        {
            return Fail($"{place}: expected a list of row objects ({{\"column\": value, ...}}), got {Kind(records.ValueKind)}");
        }

        var rows = records.GetArrayLength();
        if (rows == 0)
        {
            return Fail($"{place}: is empty; send at least one row to score");
        }

        var names = new List<string>();
        var positions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var r = 0;
        foreach (var record in records.EnumerateArray())
        {
            if (record.ValueKind != JsonValueKind.Object)
            {
                return Fail(string.Create(CultureInfo.InvariantCulture, $"{place}[{r}]: expected a row object ({{\"column\": value, ...}}), got {Kind(record.ValueKind)}"));
            }

            foreach (var property in record.EnumerateObject())
            {
                if (positions.TryAdd(property.Name, names.Count))
                {
                    names.Add(property.Name);
                }
            }

            r++;
        }

        var (table, error) = ScoringInputTable.Create(names, rows, signature, entity);
        if (table is null)
        {
            return Fail(error!);
        }

        r = 0;
        foreach (var record in records.EnumerateArray())
        {
            foreach (var property in record.EnumerateObject())
            {
                var c = positions[property.Name];
                if (table.Set(c, r, property.Value) is { } problem)
                {
                    return Fail(string.Create(CultureInfo.InvariantCulture, $"{place}[{r}].{InvocationsFormat.Cut(property.Name)}: {problem}"));
                }
            }

            r++;
        }

        return (table.Build(), null);
    }

    /// <summary>TF-serving's columnar form: {"column": [values...], ...}, every list as long as the others.</summary>
    private static (TabularData?, ScoringProtocolError?) Columns(JsonElement inputs, string place, IReadOnlyList<SignatureColumn> signature, string entity)
    {
        var names = new List<string>();
        int? rows = null;
        string? first = null;
        foreach (var property in inputs.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Array)
            {
                return Fail($"{place}.{InvocationsFormat.Cut(property.Name)}: expected a list of values (one per row), got {Kind(property.Value.ValueKind)}");
            }

            var length = property.Value.GetArrayLength();
            if (rows is { } expected && expected != length)
            {
                return Fail(string.Create(CultureInfo.InvariantCulture, $"{place}.{InvocationsFormat.Cut(property.Name)}: has {length} value(s) but {place}.{first} has {expected}; every column needs one value per row"));
            }

            rows = length;
            first ??= InvocationsFormat.Cut(property.Name);
            names.Add(property.Name);
        }

        if (rows is null or 0)
        {
            return Fail($"{place}: is empty; send at least one row to score");
        }

        var (table, error) = ScoringInputTable.Create(names, rows.Value, signature, entity);
        if (table is null)
        {
            return Fail(error!);
        }

        var c = 0;
        foreach (var property in inputs.EnumerateObject())
        {
            var r = 0;
            foreach (var cell in property.Value.EnumerateArray())
            {
                if (table.Set(c, r, cell) is { } problem)
                {
                    return Fail(string.Create(CultureInfo.InvariantCulture, $"{place}.{InvocationsFormat.Cut(property.Name)}[{r}]: {problem}"));
                }

                r++;
            }

            c++;
        }

        return (table.Build(), null);
    }

    private static (TabularData?, ScoringProtocolError?) Fail(string message) => (null, ScoringProtocolError.BadRequest(message));

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        _ => "null",
    };
}
