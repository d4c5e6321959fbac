using System.Globalization;
using System.Text;
using ChurnOps.Platform.Serving.Files;
using ChurnOps.Training.Scoring;

namespace ChurnOps.Platform.Tests.Serving;

/// <summary>
/// The CSV route encodes cells without strings; these rows check that it still means what a request's values mean:
/// padded, escaped, unseen, empty and blank categories score exactly as the same values sent to <see cref="ScoringEngine.Score"/>.
/// </summary>
public sealed class CsvCellEncodingTests(ScoredModelFixture fixture) : IClassFixture<ScoredModelFixture>
{
    [Fact]
    public async Task RunAsync_PaddedEscapedUnseenAndBlankText_ScoresLikeTheSameValuesInARequest()
    {
        var header = fixture.CsvLines[0];
        var names = header.Split(',');
        var contract = Array.IndexOf(names, "contract");
        Assert.True(contract >= 0);
        var lines = new List<string> { header };
        var expected = new List<float>();
        using var engine = new ScoringEngine(fixture.Package, 1);
        for (var r = 1; r <= 60; r++)
        {
            var row = ScoredModelFixture.RequestRow(header, fixture.CsvLines[r]);
            var original = (string?)row["contract"] ?? "Month-to-month";
            (string Cell, string? Value) variant = (r % 6) switch
            {
                0 => (Cell("  " + original + " "), "  " + original + " "),
                1 => ("\"Two \"\"quoted\"\" year\"", "Two \"quoted\" year"),
                2 => (string.Empty, null),
                3 => ("   ", "   "),
                4 => ("\"" + original + "\"", original),
                _ => ("\"a\nb, \u00e9\"", "a\nb, \u00e9"),
            };
            row["contract"] = variant.Value;
            var score = engine.Score(row);
            Assert.True(score.Succeeded, score.Error);
            expected.Add(score.Probability);
            var cells = names.Select(n => Cell(row[n])).ToArray();
            cells[contract] = variant.Cell;
            lines.Add(string.Join(',', cells));
        }

        using var source = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
        using var sink = new MemoryStream();
        var outcome = await CsvScoringPipeline.RunAsync(engine, 1, source, sink, null, "customer_id", false, 512, CancellationToken.None);

        Assert.Null(outcome.Error);
        var output = Encoding.UTF8.GetString(sink.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.Count + 1, output.Length);
        for (var r = 0; r < expected.Count; r++)
        {
            Assert.Equal(expected[r], float.Parse(output[r + 1].Split(',')[1], CultureInfo.InvariantCulture));
        }
    }

    private static string Cell(object? value) => value switch
    {
        null => string.Empty,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s when s.Contains(',', StringComparison.Ordinal) => "\"" + s + "\"",
        string s => s,
        _ => throw new InvalidOperationException(value.GetType().Name),
    };
}
