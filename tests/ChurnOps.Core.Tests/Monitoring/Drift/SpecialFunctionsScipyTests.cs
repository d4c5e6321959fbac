using ChurnOps.Core.Monitoring.Drift.Statistics;

namespace ChurnOps.Core.Tests.Monitoring.Drift;

/// <summary>The distributions on their own against scipy: kstwo.sf across its method regions, chi2.sf and norm.cdf.</summary>
public sealed class SpecialFunctionsScipyTests
{
    [Fact]
    public void KolmogorovSurvival_EveryMethodRegion_MatchesScipyKstwo()
    {
        var failures = new List<string>();
        foreach (var point in ScipyExpectations.Root.GetProperty("kstwo").EnumerateArray())
        {
            var n = point.GetProperty("n").GetInt32();
            var x = point.GetProperty("x").GetDouble();
            var expected = point.GetProperty("sf").GetDouble();
            var actual = KolmogorovDistribution.Survival(n, x);
            if (Math.Abs(actual - expected) > 1e-9 * Math.Abs(expected))
            {
                failures.Add($"n={n} x={x}: scipy {expected:R}, ours {actual:R}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void ChiSquareSurvival_DegreesAndStatistics_MatchesScipyChi2()
    {
        foreach (var point in ScipyExpectations.Root.GetProperty("special").GetProperty("chi2_sf").EnumerateArray())
        {
            var df = point.GetProperty("df").GetDouble();
            var x = point.GetProperty("x").GetDouble();
            ScipyExpectations.AssertClose(point.GetProperty("sf").GetDouble(), SpecialFunctions.ChiSquareSurvival(x, df), $"chi2.sf({x}, {df})");
        }
    }

    [Fact]
    public void NormalCdf_BothTails_MatchesScipyNorm()
    {
        foreach (var point in ScipyExpectations.Root.GetProperty("special").GetProperty("ndtr").EnumerateArray())
        {
            var x = point.GetProperty("x").GetDouble();
            ScipyExpectations.AssertClose(point.GetProperty("cdf").GetDouble(), SpecialFunctions.NormalCdf(x), $"norm.cdf({x})");
        }
    }
}
