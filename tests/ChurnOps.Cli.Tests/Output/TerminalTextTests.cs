using ChurnOps.Cli.Output;

namespace ChurnOps.Cli.Tests.Output;

public sealed class TerminalTextTests
{
    [Fact]
    public void Value_TerminalTitleSequence_EscapedNotEmitted()
    {
        var shown = TerminalText.Value("plan\u001b]0;pwned\u0007\r\n\t\u009b\u202e");

        Assert.Equal("plan\\x1B]0;pwned\\x07\\r\\n\\t\\x9B\\u202E", shown);
        Assert.DoesNotContain(shown, char.IsControl);
    }

    [Fact]
    public void Value_LongerThanTheLimit_CutWithEllipsisAndOriginalLength()
    {
        var shown = TerminalText.Value(new string('A', 10_000_000));

        Assert.Equal(new string('A', TerminalText.MaxValueLength) + "… (10,000,000 chars)", shown);
    }

    [Fact]
    public void Line_ShortPlainText_Unchanged()
    {
        Assert.Equal("labels: 2 rows read, ünïcode kept", TerminalText.Line("labels: 2 rows read, ünïcode kept"));
        Assert.Equal(string.Empty, TerminalText.Line(null));
    }

    [Fact]
    public void Value_SurrogatePairAtTheCut_NotSplit()
    {
        var text = new string('a', TerminalText.MaxValueLength - 1) + "😀" + "tail";

        var shown = TerminalText.Value(text);

        Assert.StartsWith(new string('a', TerminalText.MaxValueLength - 1) + "… (", shown, StringComparison.Ordinal);
    }
}
