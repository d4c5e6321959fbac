using System.Globalization;
using ChurnOps.Core.Data;

namespace ChurnOps.Training.Data;

/// <summary>
/// Reads a label column as 0/1: numbers 0 and 1, booleans, or text yes/no, true/false, y/n, t/f, 1/0 (any case).
/// Missing labels become null (the row is dropped); any other value is an error that names it.
/// </summary>
internal static class LabelReader
{
    public static (bool?[]? Labels, string? Error) Read(TabularColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var labels = new bool?[column.Length];
        var bad = new SortedSet<string>(StringComparer.Ordinal);
        if (column.Numbers is { } numbers)
        {
            for (var i = 0; i < numbers.Length; i++)
            {
                var v = numbers[i];
                if (double.IsNaN(v))
                {
                    continue;
                }

                if (v == 0 || v == 1)
                {
                    labels[i] = v == 1;
                }
                else if (bad.Count < 5)
                {
                    bad.Add(v.ToString(CultureInfo.InvariantCulture));
                }
            }
        }
        else
        {
            var texts = column.Texts!;
            for (var i = 0; i < texts.Length; i++)
            {
                var text = texts[i];
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                var parsed = Parse(text.Trim());
                if (parsed is null)
                {
                    if (bad.Count < 5)
                    {
                        bad.Add(text.Trim());
                    }
                }
                else
                {
                    labels[i] = parsed;
                }
            }
        }

        return bad.Count > 0
            ? (null, $"label column '{column.Name}' has values that are not binary: {string.Join(", ", bad.Select(b => "'" + b + "'"))}; expected 0/1, true/false or yes/no")
            : (labels, null);
    }

    private static bool? Parse(string text) => text.ToUpperInvariant() switch
    {
        "1" or "YES" or "Y" or "TRUE" or "T" or "1.0" => true,
        "0" or "NO" or "N" or "FALSE" or "F" or "0.0" => false,
        _ => null,
    };
}
