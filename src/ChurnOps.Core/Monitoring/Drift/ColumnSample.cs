namespace ChurnOps.Core.Monitoring.Drift;

/// <summary>
/// One side of a column made ready for the tests: numeric values finite and sorted once, categories counted once; the
/// nulls (NaN, ±∞, null text) counted apart.
/// </summary>
internal sealed class ColumnSample
{
    private ColumnSample(long rows, long nulls, double[]? sorted, Dictionary<string, long>? counts)
    {
        Rows = rows;
        Nulls = nulls;
        Sorted = sorted;
        Counts = counts;
    }

    public long Rows { get; }

    public long Nulls { get; }

    public double[]? Sorted { get; }

    public Dictionary<string, long>? Counts { get; }

    public long Values => Rows - Nulls;

    public double NullShare => Rows == 0 ? 0 : (double)Nulls / Rows;

    public static ColumnSample From(DriftColumnData column)
    {
        if (column.Numbers is { } numbers)
        {
            var sorted = NumericSort.FiniteSorted(numbers);
            return new ColumnSample(numbers.Length, numbers.Length - sorted.Length, sorted, null);
        }

        if (column.CategoryCounts is { } given)
        {
            var copy = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (key, value) in given)
            {
                if (value > 0)
                {
                    copy[key] = copy.GetValueOrDefault(key) + value;
                }
            }

            return new ColumnSample(column.Length, column.NullCount, null, copy);
        }

        var texts = column.Categories!;
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long nulls = 0;
        foreach (var text in texts)
        {
            if (text is null)
            {
                nulls++;
                continue;
            }

            ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, text, out _);
            slot++;
        }

        return new ColumnSample(texts.Length, nulls, null, counts);
    }

    /// <summary>Distinct non-null values on this side.</summary>
    public long Distinct()
    {
        if (Counts is not null)
        {
            return Counts.Count;
        }

        var sorted = Sorted!;
        long distinct = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i == 0 || sorted[i] != sorted[i - 1])
            {
                distinct++;
            }
        }

        return distinct;
    }
}
