namespace ChurnOps.Core.Monitoring.Drift.Statistics;

/// <summary>
/// The first Wasserstein distance between two empirical distributions, as the integral of |F_u − F_v| over the pooled
/// sorted values (scipy's <c>wasserstein_distance</c>), and Evidently's normalisation by the reference's population
/// standard deviation (at least 0.001).
/// </summary>
internal static class WassersteinDistance
{
    /// <summary>Both inputs sorted ascending, without NaN, each non-empty.</summary>
    public static double Between(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        var nu = u.Length;
        var nv = v.Length;
        int i = 0, j = 0;
        var sum = 0.0;
        var previous = double.NaN;
        var previousGap = 0.0;
        while (i < nu || j < nv)
        {
            var x = j >= nv || (i < nu && u[i] <= v[j]) ? u[i] : v[j];
            if (!double.IsNaN(previous))
            {
                sum += previousGap * (x - previous);
            }

            while (i < nu && u[i] <= x)
            {
                i++;
            }

            while (j < nv && v[j] <= x)
            {
                j++;
            }

            previousGap = Math.Abs((double)i / nu - (double)j / nv);
            previous = x;
        }

        return sum;
    }

    /// <summary>The population standard deviation (numpy's <c>std</c>, ddof = 0), by two passes.</summary>
    public static double PopulationStandardDeviation(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        var mean = sum / values.Length;
        var squares = 0.0;
        foreach (var value in values)
        {
            var d = value - mean;
            squares += d * d;
        }

        return Math.Sqrt(squares / values.Length);
    }

    /// <summary>Evidently's normed distance: W₁(reference, current) / max(std(reference), 0.001).</summary>
    public static double Normed(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        Between(reference, current) / Math.Max(PopulationStandardDeviation(reference), 0.001);
}
