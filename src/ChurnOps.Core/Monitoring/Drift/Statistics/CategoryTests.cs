namespace ChurnOps.Core.Monitoring.Drift.Statistics;

/// <summary>
/// The tests on counts per category (or per bin): Evidently's chi-square (expected = reference counts scaled to the
/// current size), two-proportion Z-test, Jensen–Shannon distance and PSI, each as scipy/numpy evaluate them.
/// </summary>
internal static class CategoryTests
{
    /// <summary>Pearson's chi-square statistic and its p-value with k − 1 degrees of freedom.</summary>
    public static (double Statistic, double PValue) ChiSquare(long[] referenceCounts, long[] currentCounts, long referenceTotal, long currentTotal)
    {
        var kNorm = (double)currentTotal / referenceTotal;
        var statistic = 0.0;
        for (var i = 0; i < referenceCounts.Length; i++)
        {
            var expected = referenceCounts[i] * kNorm;
            var diff = currentCounts[i] - expected;
            statistic += diff * diff / expected;
        }

        return (statistic, SpecialFunctions.ChiSquareSurvival(statistic, referenceCounts.Length - 1));
    }

    /// <summary>
    /// Evidently's Z-test: 1 when both sides hold one and the same value; otherwise the share of values other than the
    /// first category (in sorted order) compared between the sides, p = 2·(1 − Φ(|z|)).
    /// </summary>
    public static (double Statistic, double PValue) ZTest(long[] referenceCounts, long[] currentCounts, long referenceTotal, long currentTotal, int firstCategory)
    {
        var referenceDistinct = referenceCounts.Count(c => c > 0);
        var currentDistinct = currentCounts.Count(c => c > 0);
        if (referenceDistinct == 1 && currentDistinct == 1 && Array.FindIndex(referenceCounts, c => c > 0) == Array.FindIndex(currentCounts, c => c > 0))
        {
            return (double.NaN, 1.0);
        }

        double n1 = referenceTotal;
        double n2 = currentTotal;
        var p1 = (double)(referenceTotal - referenceCounts[firstCategory]) / n1;
        var p2 = (double)(currentTotal - currentCounts[firstCategory]) / n2;
        var pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
        var z = (p1 - p2) / Math.Sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        return (z, 2 * (1 - SpecialFunctions.NormalCdf(Math.Abs(z))));
    }

    /// <summary>scipy's <c>distance.jensenshannon(p, q, base)</c> (natural logarithm when base is null).</summary>
    public static double JensenShannon(double[] p, double[] q, double? logBase)
    {
        var sp = 0.0;
        var sq = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            sp += p[i];
            sq += q[i];
        }

        var left = 0.0;
        var right = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            var pi = p[i] / sp;
            var qi = q[i] / sq;
            var m = (pi + qi) / 2.0;
            left += RelativeEntropy(pi, m);
            right += RelativeEntropy(qi, m);
        }

        var js = left + right;
        if (logBase is { } b)
        {
            js /= Math.Log(b);
        }

        return Math.Sqrt(js / 2.0);
    }

    /// <summary>Evidently's PSI: Σ (r − c)·ln(r / c), empty bins first filled with a small share.</summary>
    public static double PopulationStabilityIndex(double[] reference, double[] current)
    {
        FillZeroes(reference);
        FillZeroes(current);
        var sum = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            sum += (reference[i] - current[i]) * Math.Log(reference[i] / current[i]);
        }

        return sum;
    }

    /// <summary>Evidently's <c>feel_zeroes</c>: an empty bin gets min(non-zero)/10⁶ when that minimum is ≤ 0.0001, else 0.0001.</summary>
    internal static void FillZeroes(double[] percents)
    {
        var min = double.PositiveInfinity;
        foreach (var p in percents)
        {
            if (p != 0 && p < min)
            {
                min = p;
            }
        }

        if (double.IsPositiveInfinity(min))
        {
            return;
        }

        var fill = min <= 0.0001 ? min / 1e6 : 0.0001;
        for (var i = 0; i < percents.Length; i++)
        {
            if (percents[i] == 0)
            {
                percents[i] = fill;
            }
        }
    }

    private static double RelativeEntropy(double x, double y)
    {
        if (double.IsNaN(x) || double.IsNaN(y))
        {
            return double.NaN;
        }

        if (x > 0 && y > 0)
        {
            return x * Math.Log(x / y);
        }

        return x == 0 && y >= 0 ? 0 : double.PositiveInfinity;
    }
}
