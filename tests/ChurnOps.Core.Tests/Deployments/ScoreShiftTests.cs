using ChurnOps.Core.Deployments;

namespace ChurnOps.Core.Tests.Deployments;

public sealed class ScoreShiftTests
{
    private static readonly long[] Low = [40, 30, 15, 8, 4, 2, 1, 0, 0, 0];

    [Fact]
    public void PopulationStabilityIndex_SameShapeDifferentCounts_IsZero()
    {
        Assert.Equal(0, ScoreShift.PopulationStabilityIndex(Low, Low.Select(c => c * 3).ToArray()), precision: 12);
        Assert.Equal(0, ScoreShift.JensenShannon(Low, Low.Select(c => c * 3).ToArray()), precision: 12);
    }

    [Fact]
    public void PopulationStabilityIndex_MirroredScores_FarAboveTheLargeShiftRule()
    {
        var mirrored = Low.Reverse().ToArray();

        Assert.True(ScoreShift.PopulationStabilityIndex(Low, mirrored) > 5);
        Assert.InRange(ScoreShift.JensenShannon(Low, mirrored), 0.8, 1.0);
    }

    [Fact]
    public void PopulationStabilityIndex_KnownSmallShift_MatchesTheFormula()
    {
        long[] expected = [50, 50, 0, 0, 0, 0, 0, 0, 0, 0];
        long[] actual = [40, 60, 0, 0, 0, 0, 0, 0, 0, 0];

        // (0.4-0.5)ln(0.4/0.5) + (0.6-0.5)ln(0.6/0.5); the empty bins are equal on both sides and add nothing.
        var psi = ((0.4 - 0.5) * Math.Log(0.4 / 0.5)) + ((0.6 - 0.5) * Math.Log(0.6 / 0.5));
        Assert.Equal(psi, ScoreShift.PopulationStabilityIndex(expected, actual), precision: 3);
    }

    [Fact]
    public void PopulationStabilityIndex_DifferentBinCounts_Throws() =>
        Assert.Throws<ArgumentException>(() => ScoreShift.PopulationStabilityIndex([1, 2], [1, 2, 3]));

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.05, 0)]
    [InlineData(0.1, 1)]
    [InlineData(0.99, 9)]
    [InlineData(1.0, 9)]
    [InlineData(double.NaN, 0)]
    public void BinOf_Score_EqualBinsOverZeroToOne(double score, int bin) => Assert.Equal(bin, ScoreShift.BinOf(score));
}
