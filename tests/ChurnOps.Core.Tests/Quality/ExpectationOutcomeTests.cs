using ChurnOps.Core.Quality;

namespace ChurnOps.Core.Tests.Quality;

public sealed class ExpectationOutcomeTests
{
    [Fact]
    public void ColumnMap_InSetExampleFromTheIssue_MatchesGreatExpectations()
    {
        var result = ExpectationOutcome.ColumnMap(new Expectation(ExpectationType.InSet) { Column = "x", Mostly = 0.5 }, 3, 0, 1, [4]);

        Assert.True(result.Success);
        Assert.Equal(1, result.UnexpectedCount);
        Assert.Equal(33.333333333333336, result.UnexpectedPercent);
    }

    [Fact]
    public void ColumnMap_MostlyExactlyMet_Succeeds()
    {
        var result = ExpectationOutcome.ColumnMap(new Expectation(ExpectationType.Between) { Column = "x", Mostly = 0.8 }, 10, 0, 2, []);

        Assert.True(result.Success);
    }

    [Fact]
    public void ColumnMap_AllValuesNull_SucceedsWithNoPercent()
    {
        var result = ExpectationOutcome.ColumnMap(new Expectation(ExpectationType.Between) { Column = "x" }, 5, 5, 0, []);

        Assert.True(result.Success);
        Assert.Null(result.UnexpectedPercent);
        Assert.Equal(100.0, result.MissingPercent);
    }

    [Fact]
    public void ColumnMap_PartialListIsCappedAtTwenty()
    {
        var values = Enumerable.Range(0, 30).Select(i => (object?)i).ToList();
        var result = ExpectationOutcome.ColumnMap(new Expectation(ExpectationType.Unique) { Column = "x" }, 30, 0, 30, values);

        Assert.Equal(20, result.PartialUnexpectedList!.Count);
    }

    [Fact]
    public void Statistics_NothingEvaluated_HasNoSuccessPercent()
    {
        Assert.Equal(new SuiteStatistics(0, 0, 0, null), SuiteStatistics.Of([]));
    }

    [Fact]
    public void IsBetween_OpenBoundsAndStrictness()
    {
        Assert.True(ExpectationOutcome.IsBetween(5, new Expectation(ExpectationType.MeanBetween)));
        Assert.False(ExpectationOutcome.IsBetween(5, new Expectation(ExpectationType.MeanBetween) { MinValue = 5, StrictMin = true }));
        Assert.True(ExpectationOutcome.IsBetween(5, new Expectation(ExpectationType.MeanBetween) { MinValue = 5 }));
    }
}
