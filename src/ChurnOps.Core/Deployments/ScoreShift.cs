namespace ChurnOps.Core.Deployments;

/// <summary>
/// How far one score distribution moved from another, on histograms over [0, 1]: the population stability index and the
/// Jensen–Shannon divergence (base 2, so 0 ≤ JS ≤ 1). Empty bins are floored at a small share so neither is infinite.
/// </summary>
public static class ScoreShift
{
    /// <summary>Ten equal bins: coarse enough that two samples of a few hundred scores from one model do not look shifted.</summary>
    public const int Bins = 10;

    private const double Floor = 1e-4;

    public static int BinOf(double score) => double.IsNaN(score) ? 0 : Math.Clamp((int)(score * Bins), 0, Bins - 1);

    /// <summary>Σ (c − s) · ln(c / s) over the bins' shares; 0 for identical shapes, above 0.25 a large shift by the usual rule.</summary>
    public static double PopulationStabilityIndex(IReadOnlyList<long> expected, IReadOnlyList<long> actual)
    {
        var (p, q) = Shares(expected, actual);
        var psi = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            psi += (q[i] - p[i]) * Math.Log(q[i] / p[i]);
        }

        return psi;
    }

    /// <summary>½ KL(p‖m) + ½ KL(q‖m) with m the mean of the two, in bits.</summary>
    public static double JensenShannon(IReadOnlyList<long> expected, IReadOnlyList<long> actual)
    {
        var (p, q) = Shares(expected, actual);
        var js = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            var m = (p[i] + q[i]) / 2;
            js += (0.5 * p[i] * Math.Log2(p[i] / m)) + (0.5 * q[i] * Math.Log2(q[i] / m));
        }

        return Math.Max(0, js);
    }

    private static (double[] P, double[] Q) Shares(IReadOnlyList<long> expected, IReadOnlyList<long> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (expected.Count != actual.Count || expected.Count == 0)
        {
            throw new ArgumentException("histograms must have the same, non-zero number of bins");
        }

        return (Normalise(expected), Normalise(actual));
    }

    private static double[] Normalise(IReadOnlyList<long> counts)
    {
        var total = counts.Sum();
        var shares = new double[counts.Count];
        for (var i = 0; i < shares.Length; i++)
        {
            shares[i] = Math.Max(Floor, total == 0 ? 0 : (double)counts[i] / total);
        }

        var sum = shares.Sum();
        for (var i = 0; i < shares.Length; i++)
        {
            shares[i] /= sum;
        }

        return shares;
    }
}
