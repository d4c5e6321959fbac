namespace ChurnOps.Core.Monitoring.Drift.Statistics;

/// <summary>
/// The two-sided two-sample Kolmogorov–Smirnov test as scipy's <c>ks_2samp(method='auto')</c> computes it: exact
/// p-values (lattice paths, Hodges / Viehmann's 1 − p recursion) when the larger sample has at most 10,000 values,
/// otherwise the one-sample Kolmogorov distribution of size round(n₁n₂/(n₁+n₂)).
/// </summary>
internal static class KolmogorovSmirnovTest
{
    public const int MaxExactSize = 10000;

    /// <summary>Both inputs sorted ascending, without NaN, each non-empty.</summary>
    public static KolmogorovSmirnovResult TwoSample(ReadOnlySpan<double> first, ReadOnlySpan<double> second)
    {
        var n1 = first.Length;
        var n2 = second.Length;
        if (n1 == 0 || n2 == 0)
        {
            throw new ArgumentException("Both samples must have values.");
        }

        var d = Statistic(first, second);
        if (Math.Max(n1, n2) <= MaxExactSize)
        {
            var g = Gcd(n1, n2);
            var lcm = (long)(n1 / g) * n2;
            var h = (long)Math.Round(d * lcm, MidpointRounding.ToEven);
            var exactD = (double)h / lcm;
            if (h == 0)
            {
                return new KolmogorovSmirnovResult(exactD, 1.0, true);
            }

            var prob = n1 == n2 ? ProbabilityOutsideSquare(n1, h) : OuterProbabilityInside(n1, n2, g, h);
            if (prob >= 0 && prob <= 1)
            {
                return new KolmogorovSmirnovResult(exactD, prob, true);
            }

            d = exactD;
        }

        var m = (double)Math.Max(n1, n2);
        var n = (double)Math.Min(n1, n2);
        var en = m * n / (m + n);
        var size = (int)Math.Round(en, MidpointRounding.ToEven);
        var p = KolmogorovDistribution.Survival(size, d);
        return new KolmogorovSmirnovResult(d, Math.Clamp(p, 0, 1), false);
    }

    /// <summary>max |F₁ − F₂| over the pooled values, with the CDF differences formed as scipy forms them.</summary>
    internal static double Statistic(ReadOnlySpan<double> first, ReadOnlySpan<double> second)
    {
        var n1 = first.Length;
        var n2 = second.Length;
        int i = 0, j = 0;
        var max = double.NegativeInfinity;
        var min = double.PositiveInfinity;
        while (i < n1 || j < n2)
        {
            var v = j >= n2 || (i < n1 && first[i] <= second[j]) ? first[i] : second[j];
            while (i < n1 && first[i] <= v)
            {
                i++;
            }

            while (j < n2 && second[j] <= v)
            {
                j++;
            }

            var diff = (double)i / n1 - (double)j / n2;
            max = Math.Max(max, diff);
            min = Math.Min(min, diff);
        }

        var minS = Math.Clamp(-min, 0, 1);
        return minS > max ? minS : max;
    }

    /// <summary>P(D ≥ h/n) for two samples of the same size n.</summary>
    internal static double ProbabilityOutsideSquare(long n, long h)
    {
        // 2·(A0·(1 − A1·(1 − A2·(…)))), each Ai a ratio of binomials built from h simple factors.
        var p = 0.0;
        var k = n / h;
        while (k >= 0)
        {
            var p1 = 1.0;
            for (long j = 0; j < h; j++)
            {
                p1 = (n - k * h - j) * p1 / (n + k * h + j + 1);
            }

            p = p1 * (1.0 - p);
            k--;
        }

        return 2 * p;
    }

    /// <summary>
    /// The share of lattice paths from (0,0) to (m,n) that leave the band |x/m − y/n| &lt; h/lcm(m,n), computed as
    /// 1 − (share inside) by a column recursion that stays in [0, 1] (no huge binomials).
    /// </summary>
    internal static double OuterProbabilityInside(long m, long n, long g, long h)
    {
        if (m < n)
        {
            (m, n) = (n, m);
        }

        var mg = m / g;
        var ng = n / g;
        long minj = 0;
        var maxj = Math.Min((long)Math.Ceiling((double)h / mg), n + 1);
        var curlen = maxj - minj;
        var lenA = Math.Min(2 * maxj + 2, n + 1);
        var a = new double[lenA];
        Array.Fill(a, 1.0);
        for (var t = minj; t < maxj; t++)
        {
            a[t] = 0.0;
        }

        for (long i = 1; i <= m; i++)
        {
            var lastminj = minj;
            var lastlen = curlen;
            minj = Math.Max((long)Math.Floor((double)(ng * i - h) / mg) + 1, 0);
            minj = Math.Min(minj, n);
            maxj = Math.Min((long)Math.Ceiling((double)(ng * i + h) / mg), n + 1);
            if (maxj <= minj)
            {
                return 1.0;
            }

            var val = minj == 0 ? 0.0 : 1.0;
            for (long jj = 0; jj < maxj - minj; jj++)
            {
                var j = jj + minj;
                val = (a[jj + minj - lastminj] * i + val * j) / (i + j);
                a[jj] = val;
            }

            curlen = maxj - minj;
            if (lastlen > curlen)
            {
                for (var t = maxj - minj; t < maxj - minj + (lastlen - curlen) && t < lenA; t++)
                {
                    a[t] = 1;
                }
            }
        }

        return a[maxj - minj - 1];
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
