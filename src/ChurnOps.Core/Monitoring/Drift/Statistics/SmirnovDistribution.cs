namespace ChurnOps.Core.Monitoring.Drift.Statistics;

/// <summary>
/// The one-sided one-sample Smirnov survival function P(Dₙ⁺ ≥ x) (scipy's <c>special.smirnov</c>), by the
/// Birnbaum–Tingey sum x·Σⱼ C(n,j)(1−x−j/n)^{n−j}(x+j/n)^{j−1}, whose terms are all positive; each term is formed in
/// logarithms from n·x split into its whole and fractional parts so 1 − x − j/n keeps its digits near zero.
/// </summary>
internal static class SmirnovDistribution
{
    private const double MinLog = -7.08396418532264106224E2;

    public static double Survival(int n, double x)
    {
        if (!(n > 0 && x >= 0.0 && x <= 1.0))
        {
            return double.NaN;
        }

        if (n == 1)
        {
            return 1 - x;
        }

        if (x == 0.0)
        {
            return 1.0;
        }

        if (x == 1.0)
        {
            return 0.0;
        }

        var nx = n * x;
        var nxfl = (int)Math.Floor(nx);
        var alpha = nx - nxfl;
        if (nxfl == 0 || (nxfl == 1 && alpha == 0))
        {
            var cdf = x * Math.Pow(1 + x, n - 1);
            return Math.Clamp(1 - cdf, 0, 1);
        }

        if (-2 * n * x * x < MinLog)
        {
            return 0;
        }

        if (nxfl >= n - 1)
        {
            return Math.Clamp(Math.Pow(1 - x, n), 0, 1);
        }

        var lastJ = n - nxfl - (alpha == 0 ? 0 : 1);
        if (alpha == 0)
        {
            lastJ -= 1;
        }

        var logN = Math.Log(n);
        var logBinomial = 0.0;
        var sum = 0.0;
        for (var j = 0; j <= lastJ; j++)
        {
            if (j > 0)
            {
                logBinomial += Math.Log(n - j + 1) - Math.Log(j);
            }

            var below = n - nxfl - j - alpha;
            var above = nxfl + j + alpha;
            if (below <= 0)
            {
                break;
            }

            var logTerm = logBinomial + (n - j) * (Math.Log(below) - logN) + (j - 1) * (Math.Log(above) - logN);
            var term = Math.Exp(logTerm);
            sum += term;
            if (j > nxfl && term < sum * 1e-18)
            {
                break;
            }
        }

        return Math.Clamp(x * sum, 0, 1);
    }
}
