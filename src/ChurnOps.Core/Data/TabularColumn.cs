using System.Globalization;

namespace ChurnOps.Core.Data;

/// <summary>
/// One column of an in-memory table. Numeric, boolean and timestamp columns use <see cref="Numbers"/>
/// (missing = NaN); text columns use <see cref="Texts"/> (missing = null).
/// </summary>
public sealed class TabularColumn
{
    private TabularColumn(string name, ColumnKind kind, double[]? numbers, string?[]? texts)
    {
        Name = name;
        Kind = kind;
        Numbers = numbers;
        Texts = texts;
    }

    public string Name { get; }

    public ColumnKind Kind { get; }

    public double[]? Numbers { get; }

    public string?[]? Texts { get; }

    public int Length => Numbers?.Length ?? Texts!.Length;

    public bool IsText => Kind == ColumnKind.Text;

    public static TabularColumn Numeric(string name, double[] values, ColumnKind kind = ColumnKind.Numeric)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(values);
        if (kind == ColumnKind.Text)
        {
            throw new ArgumentException("A numeric column cannot have kind Text.", nameof(kind));
        }

        return new TabularColumn(name, kind, values, null);
    }

    public static TabularColumn Text(string name, string?[] values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(values);
        return new TabularColumn(name, ColumnKind.Text, null, values);
    }

    public bool IsMissing(int row) => Numbers is not null ? double.IsNaN(Numbers[row]) : Texts![row] is null;

    /// <summary>The value at <paramref name="row"/> as text (numbers in invariant form); null when missing.</summary>
    public string? TextAt(int row) =>
        Texts is not null ? Texts[row] : double.IsNaN(Numbers![row]) ? null : Numbers[row].ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The value at <paramref name="row"/> as a whole number, for counts and line numbers that arrive as doubles (exact for
    /// every value below 2^53) or as text; null when missing or not an integer.
    /// </summary>
    public long? WholeAt(int row) =>
        Numbers is not null
            ? double.IsNaN(Numbers[row]) ? null : (long)Numbers[row]
            : long.TryParse(Texts![row], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
