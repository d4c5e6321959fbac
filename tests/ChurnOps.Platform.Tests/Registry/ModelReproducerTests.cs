using ChurnOps.Platform.Registry.Reproduce;

namespace ChurnOps.Platform.Tests.Registry;

public sealed class ModelReproducerTests
{
    [Fact]
    public void CompareScores_Identical_NoneDiffer()
    {
        float[] scores = [0.1f, 0.5f, 0.9f];

        Assert.Equal((0, 0.0), ModelReproducer.CompareScores(scores, [.. scores]));
    }

    [Fact]
    public void CompareScores_OneUlpApart_CountsItAndReportsTheDifference()
    {
        float[] recorded = [0.1f, 0.5f, 0.9f];
        float[] now = [0.1f, MathF.BitIncrement(0.5f), 0.8f];

        var (differing, max) = ModelReproducer.CompareScores(recorded, now);

        Assert.Equal(2, differing);
        Assert.Equal(0.9 - 0.8, max, 6);
    }

    [Fact]
    public void CompareScores_DifferentLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => ModelReproducer.CompareScores([0.1f], []));
    }
}
