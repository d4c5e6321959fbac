using ChurnOps.Core.Data;

namespace ChurnOps.Core.Tests.Data;

public sealed class TabularColumnTests
{
    [Fact]
    public void TextAt_NumericAndTextColumns_InvariantTextAndNullWhenMissing()
    {
        var numbers = TabularColumn.Numeric("n", [1.5, double.NaN, 12_345_678]);
        var texts = TabularColumn.Text("t", ["a", null]);

        Assert.Equal(("1.5", (string?)null, "12345678"), (numbers.TextAt(0), numbers.TextAt(1), numbers.TextAt(2)));
        Assert.Equal(("a", (string?)null), (texts.TextAt(0), texts.TextAt(1)));
    }

    [Fact]
    public void WholeAt_CountsAsDoublesOrText_ExactAndNullWhenMissingOrNotAnInteger()
    {
        var numbers = TabularColumn.Numeric("n", [9_007_199_254_740_991, double.NaN]);
        var texts = TabularColumn.Text("t", ["42", "4.2", null]);

        Assert.Equal(((long?)9_007_199_254_740_991, (long?)null), (numbers.WholeAt(0), numbers.WholeAt(1)));
        Assert.Equal(((long?)42, (long?)null, (long?)null), (texts.WholeAt(0), texts.WholeAt(1), texts.WholeAt(2)));
    }
}
