using ChurnOps.Core.Data;
using ChurnOps.Training.Packaging;

namespace ChurnOps.Platform.Serving.Files;

/// <summary>
/// Which header field feeds which model input, and which one is the id. Columns the model does not use (other than the
/// id) are skipped, not parsed: extra columns are allowed and do not reach the output.
/// </summary>
internal sealed class CsvInputLayout
{
    /// <summary>Per header field: -1 = ignored, otherwise the index into <see cref="Inputs"/>.</summary>
    private readonly int[] _inputOfField;

    private CsvInputLayout(int[] inputOfField, IReadOnlyList<SignatureColumn> inputs, int[] fieldOfInput, int idField, string? idName)
    {
        _inputOfField = inputOfField;
        Inputs = inputs;
        FieldOfInput = fieldOfInput;
        IdField = idField;
        IdName = idName;
    }

    public int FieldCount => _inputOfField.Length;

    public IReadOnlyList<SignatureColumn> Inputs { get; }

    /// <summary>Per model input: its header field, or -1 for an optional input the file lacks (all missing).</summary>
    public int[] FieldOfInput { get; }

    public int IdField { get; }

    public string? IdName { get; }

    public int InputOfField(int field) => _inputOfField[field];

    /// <summary>
    /// Matches header names (case-insensitively, like tables) to the signature. Every problem is collected: duplicate
    /// header names the model uses, required inputs the file lacks, an explicit id column that is not there.
    /// </summary>
    public static (CsvInputLayout? Layout, string? Error) Create(IReadOnlyList<string> header, ModelSignature signature, string? idColumn, string? defaultIdColumn)
    {
        var fieldByName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var duplicates = new List<string>();
        for (var f = 0; f < header.Count; f++)
        {
            if (!fieldByName.TryAdd(header[f], f))
            {
                duplicates.Add(header[f]);
            }
        }

        var errors = new List<string>();
        if (duplicates.Count > 0)
        {
            errors.Add($"the header repeats column(s) {string.Join(", ", duplicates.Distinct(StringComparer.OrdinalIgnoreCase).Select(d => "'" + d + "'"))}");
        }

        var inputOfField = Enumerable.Repeat(-1, header.Count).ToArray();
        var fieldOfInput = new int[signature.Inputs.Count];
        var missing = new List<string>();
        for (var i = 0; i < signature.Inputs.Count; i++)
        {
            var input = signature.Inputs[i];
            if (fieldByName.TryGetValue(input.Name, out var field))
            {
                fieldOfInput[i] = field;
                inputOfField[field] = i;
            }
            else
            {
                fieldOfInput[i] = -1;
                if (input.Required)
                {
                    missing.Add(input.Name);
                }
            }
        }

        if (missing.Count > 0)
        {
            errors.Add($"missing column(s) the model needs: {string.Join(", ", missing.Select(m => "'" + m + "'"))}");
        }

        var idField = -1;
        string? idName = null;
        if (idColumn is not null)
        {
            if (fieldByName.TryGetValue(idColumn, out idField))
            {
                idName = header[idField];
            }
            else
            {
                errors.Add($"no id column '{idColumn}' (columns: {string.Join(", ", header)})");
            }
        }
        else if (defaultIdColumn is not null && fieldByName.TryGetValue(defaultIdColumn, out idField))
        {
            idName = header[idField];
        }
        else
        {
            idField = -1;
        }

        return errors.Count > 0
            ? (null, string.Join("; ", errors))
            : (new CsvInputLayout(inputOfField, signature.Inputs, fieldOfInput, idField, idName), null);
    }

    public static bool IsText(SignatureColumn input) => input.DataKind == ColumnKind.Text;
}
