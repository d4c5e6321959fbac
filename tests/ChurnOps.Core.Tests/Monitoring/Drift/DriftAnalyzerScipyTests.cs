using System.Text.Json;
using ChurnOps.Core.Monitoring.Drift;

namespace ChurnOps.Core.Tests.Monitoring.Drift;

/// <summary>Each committed case through the whole engine: the test Evidently would pick, and scipy's numbers to 1e-9.</summary>
public sealed class DriftAnalyzerScipyTests
{
    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in ScipyExpectations.Cases)
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Detect_CommittedCase_MatchesScipy(string name)
    {
        var c = ScipyExpectations.Case(name);
        var numeric = c.GetProperty("kind").GetString() == "num";
        DriftColumnData Column(string side) => numeric
            ? DriftColumnData.Numeric("x", ScipyExpectations.Numbers(c.GetProperty(side)))
            : DriftColumnData.Categorical("x", ScipyExpectations.Texts(c.GetProperty(side)));
        var columns = new Dictionary<string, DriftColumnOptions>(StringComparer.OrdinalIgnoreCase);
        if (c.GetProperty("test").ValueKind == JsonValueKind.String)
        {
            Assert.True(DriftTestNames.TryParse(c.GetProperty("test").GetString(), out var forced));
            columns["x"] = new DriftColumnOptions(forced);
        }

        var options = new DriftOptions { Columns = columns, JensenShannonBase = ScipyExpectations.Number(c, "base") };

        var outcome = new DriftAnalyzer().Detect([Column("reference")], [Column("current")], options);

        Assert.True(outcome.Succeeded, outcome.Error);
        var result = Assert.Single(outcome.Report!.Columns);
        var expected = c.GetProperty("expected");
        if (expected.GetProperty("error").GetBoolean())
        {
            Assert.NotNull(result.Error);
            Assert.False(result.Drifted);
            return;
        }

        Assert.Null(result.Error);
        Assert.Equal(expected.GetProperty("test").GetString(), DriftTestNames.NameOf(result.Test));
        Assert.Equal(expected.GetProperty("drifted").GetBoolean(), result.Drifted);
        if (ScipyExpectations.Number(expected, "score") is { } score)
        {
            ScipyExpectations.AssertClose(score, result.Score, $"{name} score");
        }
        else
        {
            Assert.Null(result.Score);
        }

        if (ScipyExpectations.Number(expected, "statistic") is { } statistic)
        {
            ScipyExpectations.AssertClose(statistic, result.Statistic, $"{name} statistic");
        }
    }
}
