using ChurnOps.Core.Quality;
using ChurnOps.Platform.Quality;
using ChurnOps.Storage.Warehouse;

namespace ChurnOps.Platform.Tests.Quality;

/// <summary>Great Expectations semantics, value by value, evaluated as SQL in a real DuckDB file.</summary>
public sealed class ExpectationRunnerTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly TempDirectory _dir = new();
    private DuckDbWarehouse _warehouse = null!;

    public async Task InitializeAsync()
    {
        _warehouse = await DuckDbWarehouse.OpenAsync(_dir.Sub("w.duckdb"), Ct);
        await _warehouse.ExecuteInTransactionAsync(
        [
            "CREATE TABLE staging.t (id INTEGER, n INTEGER, s VARCHAR, a INTEGER, b INTEGER)",
            "INSERT INTO staging.t VALUES (1, 1, 'abc', 1, 1), (2, 2, 'xyz', 1, 1), (3, 4, 'a1', 1, 2), (4, NULL, NULL, NULL, NULL)",
            "CREATE TABLE staging.empty (n INTEGER)",
            "CREATE TABLE staging.nums (x DOUBLE)",
            "INSERT INTO staging.nums VALUES (1), (2), (3), (4)",
        ], Ct);
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }

    private async Task<ExpectationResult> RunAsync(Expectation e, string table = "t") =>
        Assert.Single((await new ExpectationRunner(_warehouse).RunAsync("s", "staging", table, [e], Ct)).Results);

    [Fact]
    public async Task InSet_WithMostlyHalf_OneOfThreeUnexpectedStillSucceeds()
    {
        var result = await RunAsync(new Expectation(ExpectationType.InSet) { Column = "n", ValueSet = ["1", "2"], Mostly = 0.5 });

        Assert.True(result.Success);
        Assert.Equal(4, result.ElementCount);
        Assert.Equal(1, result.MissingCount);
        Assert.Equal(1, result.UnexpectedCount);
        Assert.Equal(100.0 / 3, result.UnexpectedPercent!.Value, 10);
        Assert.Equal(25.0, result.UnexpectedPercentTotal!.Value, 10);
        Assert.Equal([4.0], result.PartialUnexpectedList!);
    }

    [Fact]
    public async Task InSet_WithoutMostly_AnyUnexpectedFails()
    {
        var result = await RunAsync(new Expectation(ExpectationType.InSet) { Column = "n", ValueSet = ["1", "2"] });

        Assert.False(result.Success);
    }

    [Fact]
    public async Task InSet_TextColumn_ComparesText()
    {
        var result = await RunAsync(new Expectation(ExpectationType.InSet) { Column = "s", ValueSet = ["abc", "a1"] });

        Assert.Equal((1L, false), (result.UnexpectedCount!.Value, result.Success));
        Assert.Equal(["xyz"], result.PartialUnexpectedList!);
    }

    [Fact]
    public async Task NotInSet_FlagsListedValues()
    {
        var result = await RunAsync(new Expectation(ExpectationType.NotInSet) { Column = "n", ValueSet = ["4"] });

        Assert.Equal(1, result.UnexpectedCount);
    }

    [Fact]
    public async Task NotNull_CountsNullsOverAllRowsForMostly()
    {
        var strict = await RunAsync(new Expectation(ExpectationType.NotNull) { Column = "n" });
        var mostly = await RunAsync(new Expectation(ExpectationType.NotNull) { Column = "n", Mostly = 0.75 });
        var tooStrict = await RunAsync(new Expectation(ExpectationType.NotNull) { Column = "n", Mostly = 0.76 });

        Assert.False(strict.Success);
        Assert.Equal((4L, 1L, 25.0), (strict.ElementCount!.Value, strict.UnexpectedCount!.Value, strict.UnexpectedPercent!.Value));
        Assert.Equal([null], strict.PartialUnexpectedList!);
        Assert.True(mostly.Success);
        Assert.False(tooStrict.Success);
    }

    [Fact]
    public async Task Unique_EveryDuplicatedOccurrenceIsUnexpectedAndNullsIgnored()
    {
        var result = await RunAsync(new Expectation(ExpectationType.Unique) { Column = "a" });

        Assert.False(result.Success);
        Assert.Equal(3, result.UnexpectedCount);
        Assert.Equal(100.0, result.UnexpectedPercent);
        Assert.Equal([1.0, 1.0, 1.0], result.PartialUnexpectedList!);
    }

    [Fact]
    public async Task Between_StrictAndInclusiveBounds()
    {
        var inclusive = await RunAsync(new Expectation(ExpectationType.Between) { Column = "n", MinValue = 1, MaxValue = 2 });
        var strict = await RunAsync(new Expectation(ExpectationType.Between) { Column = "n", MinValue = 1, MaxValue = 4, StrictMin = true, StrictMax = true });
        var open = await RunAsync(new Expectation(ExpectationType.Between) { Column = "n", MinValue = 2 });

        Assert.Equal(1, inclusive.UnexpectedCount);
        Assert.Equal(2, strict.UnexpectedCount);
        Assert.Equal(1, open.UnexpectedCount);
    }

    [Fact]
    public async Task MatchRegex_IsASearchNotAFullMatch()
    {
        var match = await RunAsync(new Expectation(ExpectationType.MatchRegex) { Column = "s", Regex = "^a" });
        var notMatch = await RunAsync(new Expectation(ExpectationType.NotMatchRegex) { Column = "s", Regex = "b" });

        Assert.Equal(["xyz"], match.PartialUnexpectedList!);
        Assert.Equal(["abc"], notMatch.PartialUnexpectedList!);
    }

    [Fact]
    public async Task LengthsBetween_CountsOutOfRangeLengths()
    {
        var result = await RunAsync(new Expectation(ExpectationType.LengthsBetween) { Column = "s", MinValue = 3, MaxValue = 3 });

        Assert.Equal((1L, 3L), (result.UnexpectedCount!.Value, result.ElementCount!.Value - result.MissingCount!.Value));
        Assert.Equal(["a1"], result.PartialUnexpectedList!);
    }

    [Fact]
    public async Task CompoundUnique_FlagsRowsSharingTheKeyAndSkipsAllNullKeys()
    {
        var result = await RunAsync(new Expectation(ExpectationType.CompoundUnique) { Columns = ["a", "b"] });

        Assert.Equal((4L, 1L, 2L), (result.ElementCount!.Value, result.MissingCount!.Value, result.UnexpectedCount!.Value));
        Assert.Equal(["1, 1", "1, 1"], result.PartialUnexpectedList!);
    }

    [Theory]
    [InlineData(ExpectationType.MeanBetween, 2.5)]
    [InlineData(ExpectationType.MedianBetween, 2.5)]
    [InlineData(ExpectationType.MinBetween, 1)]
    [InlineData(ExpectationType.MaxBetween, 4)]
    [InlineData(ExpectationType.StdevBetween, 1.2909944487358056)]
    public async Task Aggregates_ObserveLikePandas(string type, double expected)
    {
        var result = await RunAsync(new Expectation(type) { Column = "x", MinValue = 0, MaxValue = 10 }, "nums");

        Assert.True(result.Success);
        Assert.Equal(expected, (double)result.ObservedValue!, 10);
    }

    [Fact]
    public async Task Aggregate_StrictMaxAtTheObservedValue_Fails()
    {
        var result = await RunAsync(new Expectation(ExpectationType.MaxBetween) { Column = "x", MaxValue = 4, StrictMax = true }, "nums");

        Assert.False(result.Success);
    }

    [Fact]
    public async Task EmptyTable_MapExpectationsSucceedAggregatesFailRowCountObservesZero()
    {
        var notNull = await RunAsync(new Expectation(ExpectationType.NotNull) { Column = "n" }, "empty");
        var mean = await RunAsync(new Expectation(ExpectationType.MeanBetween) { Column = "n", MinValue = 0 }, "empty");
        var rows = await RunAsync(new Expectation(ExpectationType.RowCountBetween) { MinValue = 0, MaxValue = 0 }, "empty");
        var someRows = await RunAsync(new Expectation(ExpectationType.RowCountBetween) { MinValue = 1 }, "empty");

        Assert.True(notNull.Success);
        Assert.Equal((0L, 0L), (notNull.ElementCount!.Value, notNull.UnexpectedCount!.Value));
        Assert.Null(notNull.UnexpectedPercent);
        Assert.False(mean.Success);
        Assert.Null(mean.ObservedValue);
        Assert.True(rows.Success);
        Assert.Equal(0.0, rows.ObservedValue);
        Assert.False(someRows.Success);
    }

    [Fact]
    public async Task OfTypeAndColumnExist_CompareWarehouseTypes()
    {
        Assert.True((await RunAsync(new Expectation(ExpectationType.OfType) { Column = "n", TypeName = "int" })).Success);
        Assert.False((await RunAsync(new Expectation(ExpectationType.OfType) { Column = "n", TypeName = "float64" })).Success);
        Assert.True((await RunAsync(new Expectation(ExpectationType.ColumnToExist) { Column = "s" })).Success);
        Assert.False((await RunAsync(new Expectation(ExpectationType.ColumnToExist) { Column = "nope" })).Success);
    }

    [Fact]
    public async Task MissingColumn_FailsWithAMessageInsteadOfThrowing()
    {
        var result = await RunAsync(new Expectation(ExpectationType.NotNull) { Column = "nope" });

        Assert.False(result.Success);
        Assert.Contains("column 'nope' not found", result.ExceptionMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suite_StatisticsCountSuccesses()
    {
        var suite = await new ExpectationRunner(_warehouse).RunAsync("s", "staging", "t",
        [
            new Expectation(ExpectationType.ColumnToExist) { Column = "id" },
            new Expectation(ExpectationType.Unique) { Column = "id" },
            new Expectation(ExpectationType.NotNull) { Column = "n" },
        ], Ct);

        Assert.False(suite.Success);
        Assert.Equal((3, 2, 1), (suite.Statistics.Evaluated, suite.Statistics.Successful, suite.Statistics.Unsuccessful));
        Assert.Equal(200.0 / 3, suite.Statistics.SuccessPercent!.Value, 10);
    }
}
