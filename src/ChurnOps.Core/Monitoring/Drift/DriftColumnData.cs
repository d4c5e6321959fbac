using ChurnOps.Core.Data;

namespace ChurnOps.Core.Monitoring.Drift;

/// <summary>
/// One column's values for a drift test. Numeric values use NaN for a missing value (infinities count as missing, as
/// Evidently replaces them); categorical values use null.
/// </summary>
public sealed class DriftColumnData
{
    private DriftColumnData(string name, DriftColumnKind kind, double[]? numbers, string?[]? categories, DriftColumnRole role,
        IReadOnlyDictionary<string, long>? categoryCounts = null, long nullCount = 0)
    {
        Name = name;
        Kind = kind;
        Numbers = numbers;
        Categories = categories;
        Role = role;
        CategoryCounts = categoryCounts;
        NullCount = nullCount;
    }

    public string Name { get; }

    public DriftColumnKind Kind { get; }

    public DriftColumnRole Role { get; }

    public double[]? Numbers { get; }

    public string?[]? Categories { get; }

    /// <summary>Categories already counted (e.g. by GROUP BY in the warehouse), when the values themselves are not held.</summary>
    public IReadOnlyDictionary<string, long>? CategoryCounts { get; }

    /// <summary>With <see cref="CategoryCounts"/>: how many values were null.</summary>
    public long NullCount { get; }

    public int Length => Numbers?.Length ?? Categories?.Length ?? checked((int)(CategoryCounts!.Values.Sum() + NullCount));

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

    /// <summary>A categorical column given as counts per value (non-negative) and a count of nulls.</summary>
    public static DriftColumnData CategoricalCounts(string name, IReadOnlyDictionary<string, long> counts, long nulls, DriftColumnRole role = DriftColumnRole.Feature)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfNegative(nulls);
        if (counts.Values.Any(c => c < 0))
        {
            throw new ArgumentException("Category counts cannot be negative.", nameof(counts));
        }

        return new DriftColumnData(name, DriftColumnKind.Categorical, null, null, role, counts, nulls);
    }

    /// <summary>A table column as drift data: text is categorical, numbers, flags and timestamps are numeric.</summary>
    public static DriftColumnData From(TabularColumn column, DriftColumnRole role = DriftColumnRole.Feature)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.IsText ? Categorical(column.Name, column.Texts!, role) : Numeric(column.Name, column.Numbers!, role);
    }
}
