using ChurnOps.Core.Data;
using ChurnOps.Training.Data;

namespace ChurnOps.Training.Tests.Data;

public sealed class FeatureEncoderTests
{
    private static readonly TabularData Table = new(
    [
        TabularColumn.Numeric("n", [1, double.NaN, 3, 4]),
        TabularColumn.Text("c", ["a", "b", "a", null]),
        TabularColumn.Numeric("t", [86_400 * 10, 86_400 * 12, double.NaN, 86_400 * 11], ColumnKind.Timestamp),
    ]);

    [Fact]
    public void Encode_NumbersTextAndTimestamps_UseImputationOneHotAndAges()
    {
        var encoder = FeatureEncoder.Fit(Table, ["n", "c", "t"], [0, 1, 2, 3], cardinalityCap: 8);
        var block = new float[4 * encoder.Dimension];

        encoder.Encode(Table, 0, 4, block);

        // n: value + missing flag (2), c: a, b, other (3), t: age + missing flag (2).
        Assert.Equal(7, encoder.Dimension);
        Assert.Equal([1f, 0f, 1f, 0f, 0f, 2f, 0f], block[..7]);
        Assert.Equal(new[] { 8f / 3, 1f, 0f, 1f, 0f, 0f, 0f }, block[7..14]);
        Assert.Equal(1f, block[(2 * 7) + 6]);
        Assert.Equal([0f, 0f, 0f], block[((3 * 7) + 2)..((3 * 7) + 5)]);
    }

    [Fact]
    public void Encode_ManyCategories_HashesIntoTheCapStably()
    {
        var values = Enumerable.Range(0, 100).Select(i => (string?)("v" + i)).ToArray();
        var table = new TabularData([TabularColumn.Text("c", values)]);
        var encoder = FeatureEncoder.Fit(table, ["c"], Enumerable.Range(0, 100).ToArray(), cardinalityCap: 16);
        var block = new float[100 * 16];

        encoder.Encode(table, 0, 100, block);

        Assert.Equal(16, encoder.Dimension);
        Assert.Equal(EncodingKind.Hashed, encoder.Columns[0].Encoding);
        Assert.All(Enumerable.Range(0, 100), r => Assert.Equal(1f, block.AsSpan(r * 16, 16).ToArray().Sum()));
        var again = new float[100 * 16];
        new FeatureEncoder(encoder.Columns).Encode(table, 0, 100, again);
        Assert.Equal(block, again);
    }

    [Theory]
    [InlineData("Yes", true)]
    [InlineData("no", false)]
    [InlineData("TRUE", true)]
    [InlineData("0", false)]
    [InlineData(" y ", true)]
    public void LabelReader_TextLabels_ParseToBinary(string text, bool expected)
    {
        var (labels, error) = LabelReader.Read(TabularColumn.Text("y", [text, null]));

        Assert.Null(error);
        Assert.Equal(expected, labels![0]);
        Assert.Null(labels[1]);
    }

    [Fact]
    public void LabelReader_NumericOutsideZeroOne_IsAnError()
    {
        var (labels, error) = LabelReader.Read(TabularColumn.Numeric("y", [0, 1, 2, double.NaN]));

        Assert.Null(labels);
        Assert.Equal("label column 'y' has values that are not binary: '2'; expected 0/1, true/false or yes/no, or declare the positive value (--positive)", error);
    }
}
