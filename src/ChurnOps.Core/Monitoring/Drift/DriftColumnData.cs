using ChurnOps.Core.Data;

namespace ChurnOps.Core.Monitoring.Drift;

/// <summary>
/// One column's values for a drift test. Numeric values use NaN for a missing value (infinities count as missing, as
/// Evidently replaces them); categorical values use null.
/// </summary>
public sealed class DriftColumnData
{
    private DriftColumnData(string name, DriftColumnKind kind, double[]? numbers, string?[]? categories, DriftColumnRole role)
    {
        Name = name;
        Kind = kind;
        Numbers = numbers;
        Categories = categories;
        Role = role;
    }

    public string Name { get; }

    public DriftColumnKind Kind { get; }

    public DriftColumnRole Role { get; }

    public double[]? Numbers { get; }

    public string?[]? Categories { get; }

    public int Length => Numbers?.Length ?? Categories!.Length;

    public static DriftColumnData Numeric(string name, double[] values, DriftColumnRole role = DriftColumnRole.Feature)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(values);
        return new DriftColumnData(name, DriftColumnKind.Numeric, values, null, role);
    }

    public static DriftColumnData Categorical(string name, string?[] values, DriftColumnRole role = DriftColumnRole.Feature)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(values);
        return new DriftColumnData(name, DriftColumnKind.Categorical, null, values, role);
    }

    /// <summary>A table column as drift data: text is categorical, numbers, flags and timestamps are numeric.</summary>
    public static DriftColumnData From(TabularColumn column, DriftColumnRole role = DriftColumnRole.Feature)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.IsText ? Categorical(column.Name, column.Texts!, role) : Numeric(column.Name, column.Numbers!, role);
    }
}
