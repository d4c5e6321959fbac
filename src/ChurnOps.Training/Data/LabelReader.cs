using System.Globalization;
using ChurnOps.Core.Data;

namespace ChurnOps.Training.Data;

/// <summary>
/// Reads a label column as 0/1: numbers 0 and 1, booleans, or text yes/no, true/false, y/n, t/f, 1/0 (any case).
/// Missing labels become null (the row is dropped); any other value is an error that names it. With a declared positive
/// value, that value is the positive class and every other value the negative one ("Churned" vs "Stayed").
/// </summary>
internal static class LabelReader
{
    public static (bool?[]? Labels, string? Error) Read(TabularColumn column, string? positive = null)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (!string.IsNullOrWhiteSpace(positive))
        {
            return ReadWithPositive(column, positive.Trim());
        }

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
            ? (null, $"label column '{column.Name}' has values that are not binary: {string.Join(", ", bad.Select(b => "'" + b + "'"))}; expected 0/1, true/false or yes/no, or declare the positive value (--positive)")
            : (labels, null);
    }

    /// <summary>
    /// The declared positive value (text compared without regard to case or surrounding spaces, numbers by value) is
    /// true, every other present value false; a positive value the column never holds is an error naming what it holds.
    /// </summary>
    private static (bool?[]? Labels, string? Error) ReadWithPositive(TabularColumn column, string positive)
    {
        var labels = new bool?[column.Length];
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var matched = false;
        var isNumber = double.TryParse(positive, NumberStyles.Float, CultureInfo.InvariantCulture, out var positiveNumber);
        for (var i = 0; i < labels.Length; i++)
        {
            if (column.IsMissing(i))
            {
                continue;
            }

            bool hit;
            if (column.Numbers is { } numbers)
            {
                hit = isNumber && numbers[i] == positiveNumber;
            }
            else
            {
                var text = column.Texts![i]!.Trim();
                if (text.Length == 0)
                {
                    continue;
                }

                hit = string.Equals(text, positive, StringComparison.OrdinalIgnoreCase);
            }

            labels[i] = hit;
            matched |= hit;
            if (!matched && seen.Count < 5)
            {
                seen.Add(column.TextAt(i)!.Trim());
            }
        }

        return matched
            ? (labels, null)
            : (null, $"label column '{column.Name}' never holds the positive value '{positive}' (it holds {string.Join(", ", seen.Select(v => "'" + v + "'"))})");
    }

    private static bool? Parse(string text) => text.ToUpperInvariant() switch
    {
        "1" or "YES" or "Y" or "TRUE" or "T" or "1.0" => true,
        "0" or "NO" or "N" or "FALSE" or "F" or "0.0" => false,
        _ => null,
    };
}
