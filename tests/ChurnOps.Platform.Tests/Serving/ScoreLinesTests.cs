using System.Globalization;
using System.Text;
using ChurnOps.Platform.Serving.Files;

namespace ChurnOps.Platform.Tests.Serving;

public sealed class ScoreLinesTests
{
    [Fact]
    public void WriteProbability_EdgeAndRandomFloats_ParseBackToTheSameBits()
    {
        var random = new Random(11);
        var values = new List<float> { 0f, -0f, 1f, 0.5f, float.Epsilon, float.MaxValue, float.MinValue, 1e-45f, 5.439319E-36f, 0.99999994f, 1.1754942E-38f, -1.17549435E-38f };
        for (var i = 0; i < 200_000; i++)
        {
            // Every finite bit pattern is fair game, plus the [0, 1] range probabilities live in.
            var bits = BitConverter.Int32BitsToSingle(random.Next(int.MinValue, int.MaxValue));
            values.Add(float.IsFinite(bits) ? bits : (float)random.NextDouble());
            values.Add((float)random.NextDouble());
        }

        var buffer = new byte[ScoreLines.MaxProbabilityBytes];
        foreach (var value in values)
        {
            var written = ScoreLines.WriteProbability(value, buffer);
            var text = Encoding.UTF8.GetString(buffer, 0, written);
            var parsed = float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.True(BitConverter.SingleToInt32Bits(value) == BitConverter.SingleToInt32Bits(parsed), $"{value:R} was written as '{text}'");
        }
    }

    [Fact]
    public void Append_ManyLinesPastTheInitialBuffer_GrowsAndKeepsEveryLine()
    {
        using var lines = new ScoreLines(1);
        var expected = new StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            var id = "\"C" + i.ToString(CultureInfo.InvariantCulture) + ",x\"";
            var probability = i / 5000f;
            lines.Append(probability, Encoding.UTF8.GetBytes(id), withId: i % 2 == 0, ",0,3\n"u8);
            expected.Append(i % 2 == 0 ? id + "," : string.Empty).Append(probability.ToString(CultureInfo.InvariantCulture)).Append(",0,3\n");
        }

        var buffer = lines.Detach(out var length);
        Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(buffer, 0, length));
        System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
    }
}
