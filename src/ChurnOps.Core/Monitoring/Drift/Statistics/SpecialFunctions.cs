namespace ChurnOps.Core.Monitoring.Drift.Statistics;

/// <summary>
/// The special functions the tests need and .NET lacks: log-gamma, the error function and the regularized incomplete
/// gamma function, each accurate to a few ulps in the ranges the tests use.
/// </summary>
internal static class SpecialFunctions
{
    private const double HalfLogTwoPi = 0.91893853320467274178032973640562;
    private const double TwoOverSqrtPi = 1.1283791670955125738961589031215;
    private const double OneOverSqrtPi = 0.56418958354775628694807945156077;

    /// <summary>ln Γ(a) for a &gt; 0: Stirling's series from 15 up, the recurrence below.</summary>
    public static double LogGamma(double a)
    {
        if (double.IsNaN(a) || a <= 0)
        {
            return double.NaN;
        }

        var shift = 0.0;
        while (a < 15)
        {
            shift += Math.Log(a);
            a += 1;
        }

        var inv = 1.0 / a;
        var inv2 = inv * inv;
        var series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680 - inv2 * (1.0 / 1188)))));
        return (a - 0.5) * Math.Log(a) - a + HalfLogTwoPi + series - shift;
    }

    /// <summary>erf(x), by the all-positive series e^{-x²} Σ 2ⁿx^{2n+1}/(2n+1)!! for |x| &lt; 2.</summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        var z = Math.Abs(x);
        if (z >= 2)
        {
            var c = Erfc(z);
            return x < 0 ? c - 1 : 1 - c;
        }

        var z2 = z * z;
        var term = z;
        var sum = z;
        for (var n = 1; n < 200; n++)
        {
            term *= 2 * z2 / (2 * n + 1);
            sum += term;
            if (term < sum * 1e-17)
            {
                break;
            }
        }

        var result = TwoOverSqrtPi * Math.Exp(-z2) * sum;
        return x < 0 ? -result : result;
    }

    /// <summary>erfc(x): 1 − erf below 2, the continued fraction (modified Lentz) from 2 up.</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x < 2)
        {
            return 1 - Erf(x);
        }

        if (x > 27.3)
        {
            return 0;
        }

        // erfc(x) = e^{-x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))
        const double tiny = 1e-300;
        var f = x;
        var c = x;
        var d = 0.0;
        for (var n = 1; n < 5000; n++)
        {
            var an = n * 0.5;
            d = x + an * d;
            d = Math.Abs(d) < tiny ? tiny : d;
            c = x + an / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return OneOverSqrtPi * Math.Exp(-x * x) / f;
    }

    /// <summary>The standard normal CDF, evaluated as cephes' ndtr does (so 1 − Φ rounds the same way).</summary>
    public static double NormalCdf(double a)
    {
        if (double.IsNaN(a))
        {
            return double.NaN;
        }

        var x = a * 0.70710678118654752440;
        var z = Math.Abs(x);
        if (z < 0.70710678118654752440)
        {
            return 0.5 + 0.5 * Erf(x);
        }

        var y = 0.5 * Erfc(z);
        return x > 0 ? 1 - y : y;
    }

    /// <summary>Q(a, x) = Γ(a, x)/Γ(a), the regularized upper incomplete gamma function (chi-square survival).</summary>
    public static double UpperRegularizedGamma(double a, double x)
    {
        if (double.IsNaN(a) || double.IsNaN(x) || a <= 0 || x < 0)
        {
            return double.NaN;
        }

        if (x == 0)
        {
            return 1;
        }

        if (double.IsPositiveInfinity(x))
        {
            return 0;
        }

        var logPrefix = -x + a * Math.Log(x) - LogGamma(a);
        if (x < a + 1)
        {
            // Series for P(a, x); Q = 1 − P is well conditioned here (Q is not small below a + 1).
            var term = 1.0 / a;
            var sum = term;
            for (var n = 1; n < 100000; n++)
            {
                term *= x / (a + n);
                sum += term;
                if (Math.Abs(term) < Math.Abs(sum) * 1e-17)
                {
                    break;
                }
            }

            return 1 - sum * Math.Exp(logPrefix);
        }

        // Continued fraction for Q (modified Lentz).
        const double tiny = 1e-300;
        var b = x + 1 - a;
        var c = 1 / tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < 100000; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = Math.Abs(d) < tiny ? tiny : d;
            c = b + an / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return Math.Exp(logPrefix) * h;
    }

    /// <summary>The chi-square survival function with <paramref name="degreesOfFreedom"/> degrees of freedom.</summary>
    public static double ChiSquareSurvival(double statistic, double degreesOfFreedom) =>
        degreesOfFreedom <= 0 ? double.NaN : UpperRegularizedGamma(degreesOfFreedom / 2, statistic / 2);
}
