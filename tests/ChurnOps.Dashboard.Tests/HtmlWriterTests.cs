using ChurnOps.Server.Dashboard.Charts;
using ChurnOps.Server.Dashboard.Rendering;

namespace ChurnOps.Dashboard.Tests;

/// <summary>The writer every page goes through: data is always text, markup only comes from code.</summary>
public sealed class HtmlWriterTests
{
    [Fact]
    public void Element_TextAndAttributeWithMarkup_AreEncoded()
    {
        var w = new HtmlWriter();
        w.Element("td", "<script>alert(1)</script> & \"x\"", ("title", "\"><img src=x onerror=alert(1)>"));

        var html = w.ToString();

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.StartsWith("<td title=\"&quot;&gt;&lt;img", html, StringComparison.Ordinal);
        Assert.EndsWith("</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_NonAsciiLetters_StayReadable()
    {
        var w = new HtmlWriter();
        w.Text("Müller — ≥ 0.8");

        Assert.Equal("Müller — ≥ 0.8", w.ToString());
    }

    [Theory]
    [InlineData("td onclick")]
    [InlineData("a>")]
    [InlineData("")]
    public void Open_TagNameThatIsNotAnIdentifier_Throws(string tag)
    {
        var w = new HtmlWriter();

        Assert.Throws<ArgumentException>(() => w.Open(tag));
    }

    [Fact]
    public void Tag_Scope_ClosesEverythingOpenedInside()
    {
        var w = new HtmlWriter();
        using (w.Tag("ul"))
        {
            w.Open("li").Text("one");
        }

        Assert.Equal("<ul><li>one</li></ul>", w.ToString());
    }

    [Fact]
    public void ToString_WithAnUnclosedTag_Throws()
    {
        var w = new HtmlWriter();
        w.Open("div");

        Assert.Throws<InvalidOperationException>(() => w.ToString());
    }

    [Fact]
    public void BarChart_Histogram_HasTitleAxisLabelsAndABarPerValue()
    {
        var w = new HtmlWriter();
        BarChart.Write(w, "age", "value", "rows", ["18", "30", "45"], [new BarSeries("rows", [5, 12, 3])]);

        var svg = w.ToString();

        Assert.Contains("role=\"img\"", svg, StringComparison.Ordinal);
        Assert.Contains(">age</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">value</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">rows</text>", svg, StringComparison.Ordinal);
        Assert.Equal(3, CountOf(svg, "<rect class=\"bar"));
        Assert.Contains("<title>rows: 30 = 12</title>", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void LineChart_PointsWithBand_DrawsTheBandAndTheLine()
    {
        var w = new HtmlWriter();
        LineChart.Write(w, "AUC", "day", "auc", [new LineSeries("estimated", [new LinePoint(1, 0.8, 0.75, 0.85), new LinePoint(2, 0.7, 0.6, 0.8)])]);

        var svg = w.ToString();

        Assert.Equal(1, CountOf(svg, "<polygon class=\"band\""));
        Assert.Equal(1, CountOf(svg, "<polyline class=\"series c1\""));
        Assert.Contains("[0.6, 0.8]", svg, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 1.0, 0.0, 1.0)]
    [InlineData(3.0, 97.0, 0.0, 100.0)]
    [InlineData(5.0, 5.0, 4.4, 5.6)]
    public void ChartScale_Values_CoverThemWithNiceBounds(double low, double high, double min, double max)
    {
        var scale = ChartScale.For([low, high], 0, 100, includeZero: false);

        Assert.Equal(min, scale.Min, 9);
        Assert.Equal(max, scale.Max, 9);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
