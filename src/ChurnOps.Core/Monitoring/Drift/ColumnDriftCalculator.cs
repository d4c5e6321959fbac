using System.Globalization;
using ChurnOps.Core.Monitoring.Drift.Statistics;

namespace ChurnOps.Core.Monitoring.Drift;

/// <summary>
/// Tests one column: picks the test by Evidently's rules (or the override), runs it on the prepared samples, and adds
/// the evidence (sizes, null shares, new categories, histograms).
/// </summary>
internal static class ColumnDriftCalculator
{
    private const int SmallReference = 1000;
    private const int FewValues = 5;
    private const int MaxHistogramCategories = 50;

    public static ColumnDriftResult Calculate(string name, DriftColumnKind kind, DriftColumnRole role, ColumnSample reference, ColumnSample current, DriftOptions options)
    {
        var overrides = options.For(name);
        var distinct = kind == DriftColumnKind.Numeric ? MergedDistinct(reference.Sorted!, current.Sorted!) : UnionCount(reference.Counts!, current.Counts!);
        var (test, reason) = overrides?.Test is { } forced
            ? (forced, $"set for this column ({DriftTestNames.NameOf(forced)})")
            : DefaultTest(kind, reference.Values, distinct);
        var threshold = overrides?.Threshold ?? DriftTestNames.DefaultThreshold(test);
        var (newCategories, newCount) = NewCategories(reference, current, options.MaxListedNewCategories);
        var result = new ColumnDriftResult
        {
            Column = name,
            Kind = kind,
            Role = role,
            Test = test,
            TestReason = reason,
            Threshold = threshold,
            ReferenceCount = reference.Values,
            CurrentCount = current.Values,
            DistinctValues = distinct,
            ReferenceNullShare = reference.NullShare,
            CurrentNullShare = current.NullShare,
            NullShareRose = current.NullShare - reference.NullShare > options.NullShareTolerance,
            NewCategories = newCategories,
            NewCategoryCount = newCount,
        };

        if (reference.Values == 0)
        {
            return result with { Error = "no non-null value in the reference data" };
        }

        if (current.Values == 0)
        {
            return result with { Error = "no non-null value in the current data" };
        }

        if (kind == DriftColumnKind.Categorical && test is DriftTest.KolmogorovSmirnov or DriftTest.Wasserstein)
        {
            return result with { Error = $"{DriftTestNames.NameOf(test)} needs a numeric column; '{name}' holds text" };
        }

        result = result with { Histogram = Histogram(kind, reference, current, distinct) };
        var (statistic, score) = Run(test, kind, reference, current, options);
        var drifted = !double.IsNaN(score) && test switch
        {
            DriftTest.KolmogorovSmirnov => score <= threshold,
            DriftTest.ChiSquare or DriftTest.ZTest => score < threshold,
            _ => score >= threshold,
        };
        return result with { Statistic = Finite(statistic), Score = Finite(score), Drifted = drifted };
    }

    /// <summary>Evidently's default: by reference size, kind and the distinct values of both sides together.</summary>
    internal static (DriftTest Test, string Reason) DefaultTest(DriftColumnKind kind, long referenceValues, long distinct)
    {
        var size = referenceValues.ToString("N0", CultureInfo.InvariantCulture);
        if (referenceValues <= SmallReference)
        {
            if (kind == DriftColumnKind.Numeric && distinct > FewValues)
            {
                return (DriftTest.KolmogorovSmirnov, $"reference has {size} values (≤ 1,000) and the column is numeric with {distinct} distinct values (> 5)");
            }

            var what = kind == DriftColumnKind.Numeric ? $"numeric with only {distinct} distinct values (≤ 5)" : $"categorical with {distinct} distinct values";
            return distinct > 2
                ? (DriftTest.ChiSquare, $"reference has {size} values (≤ 1,000) and the column is {what}")
                : (DriftTest.ZTest, $"reference has {size} values (≤ 1,000) and the column is {what} (two or fewer: proportions)");
        }

        if (kind == DriftColumnKind.Numeric && distinct > FewValues)
        {
            return (DriftTest.Wasserstein, $"reference has {size} values (> 1,000) and the column is numeric with {distinct} distinct values (> 5)");
        }

        return (DriftTest.JensenShannon, kind == DriftColumnKind.Numeric
            ? $"reference has {size} values (> 1,000) and the column is numeric with only {distinct} distinct values (≤ 5)"
            : $"reference has {size} values (> 1,000) and the column is categorical");
    }

    private static (double Statistic, double Score) Run(DriftTest test, DriftColumnKind kind, ColumnSample reference, ColumnSample current, DriftOptions options)
    {
        switch (test)
        {
            case DriftTest.KolmogorovSmirnov:
                var ks = KolmogorovSmirnovTest.TwoSample(reference.Sorted, current.Sorted);
                return (ks.Statistic, ks.PValue);
            case DriftTest.Wasserstein:
                return (double.NaN, WassersteinDistance.Normed(reference.Sorted, current.Sorted));
            case DriftTest.ChiSquare:
            {
                var counts = ValueCounts(kind, reference, current);
                return CategoryTests.ChiSquare(counts.ReferenceCounts, counts.CurrentCounts, counts.ReferenceTotal, counts.CurrentTotal);
            }

            case DriftTest.ZTest:
            {
                var counts = ValueCounts(kind, reference, current);
                return CategoryTests.ZTest(counts.ReferenceCounts, counts.CurrentCounts, counts.ReferenceTotal, counts.CurrentTotal, 0);
            }

            case DriftTest.JensenShannon:
            {
                var shares = Binned(kind, reference, current);
                return (double.NaN, CategoryTests.JensenShannon(shares.ReferencePercents(), shares.CurrentPercents(), options.JensenShannonBase));
            }

            default:
            {
                var shares = Binned(kind, reference, current);
                return (double.NaN, CategoryTests.PopulationStabilityIndex(shares.ReferencePercents(), shares.CurrentPercents()));
            }
        }
    }

    /// <summary>Evidently's binning for JS and PSI: Sturges bins when numeric with more than 20 reference values, else value counts.</summary>
    private static BinnedShares Binned(DriftColumnKind kind, ColumnSample reference, ColumnSample current)
    {
        if (kind == DriftColumnKind.Numeric && reference.Distinct() > 20)
        {
            var edges = SturgesBins.Edges(reference.Sorted, current.Sorted);
            return new BinnedShares(SturgesBins.Count(reference.Sorted, edges), SturgesBins.Count(current.Sorted, edges), reference.Values, current.Values);
        }

        return ValueCounts(kind, reference, current);
    }

    /// <summary>Counts per distinct value over both sides, keys in ascending order (numbers) or ordinal order (text).</summary>
    private static BinnedShares ValueCounts(DriftColumnKind kind, ColumnSample reference, ColumnSample current)
    {
        if (kind == DriftColumnKind.Numeric)
        {
            var (_, referenceCounts, currentCounts) = MergedValueCounts(reference.Sorted!, current.Sorted!);
            return new BinnedShares(referenceCounts, currentCounts, reference.Values, current.Values);
        }

        var keys = UnionKeys(reference.Counts!, current.Counts!);
        var r = new long[keys.Length];
        var c = new long[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            r[i] = reference.Counts!.GetValueOrDefault(keys[i]);
            c[i] = current.Counts!.GetValueOrDefault(keys[i]);
        }

        return new BinnedShares(r, c, reference.Values, current.Values);
    }

    internal static (double[] Keys, long[] ReferenceCounts, long[] CurrentCounts) MergedValueCounts(double[] first, double[] second)
    {
        var keys = new List<double>();
        var a = new List<long>();
        var b = new List<long>();
        int i = 0, j = 0;
        while (i < first.Length || j < second.Length)
        {
            var v = j >= second.Length || (i < first.Length && first[i] <= second[j]) ? first[i] : second[j];
            var si = i;
            var sj = j;
            while (i < first.Length && first[i] <= v)
            {
                i++;
            }

            while (j < second.Length && second[j] <= v)
            {
                j++;
            }

            keys.Add(v);
            a.Add(i - si);
            b.Add(j - sj);
        }

        return ([.. keys], [.. a], [.. b]);
    }

    private static long MergedDistinct(double[] first, double[] second)
    {
        long distinct = 0;
        int i = 0, j = 0;
        while (i < first.Length || j < second.Length)
        {
            var v = j >= second.Length || (i < first.Length && first[i] <= second[j]) ? first[i] : second[j];
            while (i < first.Length && first[i] <= v)
            {
                i++;
            }

            while (j < second.Length && second[j] <= v)
            {
                j++;
            }

            distinct++;
        }

        return distinct;
    }

    private static long UnionCount(Dictionary<string, long> first, Dictionary<string, long> second) =>
        first.Count + second.Keys.Count(k => !first.ContainsKey(k));

    private static string[] UnionKeys(Dictionary<string, long> first, Dictionary<string, long> second)
    {
        var keys = new List<string>(first.Keys);
        keys.AddRange(second.Keys.Where(k => !first.ContainsKey(k)));
        keys.Sort(StringComparer.Ordinal);
        return [.. keys];
    }

    private static (IReadOnlyList<string> Listed, long Count) NewCategories(ColumnSample reference, ColumnSample current, int max)
    {
        if (reference.Counts is null || current.Counts is null || reference.Values == 0)
        {
            return ([], 0);
        }

        var fresh = current.Counts.Where(p => !reference.Counts.ContainsKey(p.Key))
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        return (fresh.Take(max).Select(p => p.Key).ToList(), fresh.Count);
    }

    private static DriftHistogram Histogram(DriftColumnKind kind, ColumnSample reference, ColumnSample current, long distinct)
    {
        if (kind == DriftColumnKind.Numeric)
        {
            if (distinct <= 20)
            {
                var (keys, r, c) = MergedValueCounts(reference.Sorted!, current.Sorted!);
                return new DriftHistogram(null, keys.Select(k => k.ToString("R", CultureInfo.InvariantCulture)).ToList(), r, c);
            }

            var edges = SturgesBins.Edges(reference.Sorted, current.Sorted);
            return new DriftHistogram(edges, null, SturgesBins.Count(reference.Sorted, edges), SturgesBins.Count(current.Sorted, edges));
        }

        var all = UnionKeys(reference.Counts!, current.Counts!)
            .Select(k => (Key: k, Reference: reference.Counts!.GetValueOrDefault(k), Current: current.Counts!.GetValueOrDefault(k)))
            .OrderByDescending(t => t.Reference + t.Current).ThenBy(t => t.Key, StringComparer.Ordinal).ToList();
        if (all.Count > MaxHistogramCategories)
        {
            var kept = all.Take(MaxHistogramCategories - 1).ToList();
            var rest = all.Skip(MaxHistogramCategories - 1).ToList();
            kept.Add(($"(other {rest.Count} values)", rest.Sum(t => t.Reference), rest.Sum(t => t.Current)));
            all = kept;
        }

        return new DriftHistogram(null, all.Select(t => t.Key).ToList(), all.Select(t => t.Reference).ToList(), all.Select(t => t.Current).ToList());
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
