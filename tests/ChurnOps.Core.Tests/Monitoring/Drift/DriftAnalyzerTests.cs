using ChurnOps.Core.Monitoring.Drift;

namespace ChurnOps.Core.Tests.Monitoring.Drift;

public sealed class DriftAnalyzerTests
{
    private static readonly DriftAnalyzer Analyzer = new();

    private static double[] Normal(int n, double shift, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => shift + Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())).ToArray();
    }

    [Theory]
    [InlineData(1000, DriftColumnKind.Numeric, 6, DriftTest.KolmogorovSmirnov)]
    [InlineData(1000, DriftColumnKind.Numeric, 5, DriftTest.ChiSquare)]
    [InlineData(1000, DriftColumnKind.Numeric, 2, DriftTest.ZTest)]
    [InlineData(1000, DriftColumnKind.Categorical, 3, DriftTest.ChiSquare)]
    [InlineData(1000, DriftColumnKind.Categorical, 2, DriftTest.ZTest)]
    [InlineData(1001, DriftColumnKind.Numeric, 6, DriftTest.Wasserstein)]
    [InlineData(1001, DriftColumnKind.Numeric, 5, DriftTest.JensenShannon)]
    [InlineData(1001, DriftColumnKind.Categorical, 40, DriftTest.JensenShannon)]
    public void DefaultTest_EvidentlyRules_PicksTheSameTest(long referenceValues, DriftColumnKind kind, long distinct, DriftTest expected)
    {
        var (test, reason) = ColumnDriftCalculator.DefaultTest(kind, referenceValues, distinct);

        Assert.Equal(expected, test);
        Assert.Contains(referenceValues <= 1000 ? "≤ 1,000" : "> 1,000", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_ColumnMissingFromCurrent_NamesTheColumns()
    {
        var outcome = Analyzer.Detect(
            [DriftColumnData.Numeric("age", [1, 2, 3]), DriftColumnData.Categorical("plan", ["a", "b", "a"]), DriftColumnData.Numeric("tenure", [1, 2, 3])],
            [DriftColumnData.Numeric("AGE", [1, 2])],
            DriftOptions.Default);

        Assert.False(outcome.Succeeded);
        Assert.Equal("the current data lacks columns 'plan', 'tenure' of the reference", outcome.Error);
    }

    [Fact]
    public void Detect_ReferenceOfOneRow_RefusedWithTheCount()
    {
        var outcome = Analyzer.Detect([DriftColumnData.Numeric("age", [1])], [DriftColumnData.Numeric("age", [1, 2])], DriftOptions.Default);

        Assert.Equal("the reference has 1 row; at least 2 are needed to compare distributions", outcome.Error);
    }

    [Fact]
    public void Detect_EmptyCurrentWindow_SaysThereIsNothingToCompare()
    {
        var outcome = Analyzer.Detect([DriftColumnData.Numeric("age", [1, 2])], [DriftColumnData.Numeric("age", [])], DriftOptions.Default);

        Assert.Equal("the current data has no rows (an empty window): there is nothing to compare", outcome.Error);
    }

    [Fact]
    public void Detect_NumericAgainstText_NamesTheColumnAndBothKinds()
    {
        var outcome = Analyzer.Detect([DriftColumnData.Numeric("age", [1, 2])], [DriftColumnData.Categorical("age", ["x"])], DriftOptions.Default);

        Assert.Equal("'age' is numeric in the reference but text in the current data", outcome.Error);
    }

    [Fact]
    public void Detect_NewCategoryAndRisingNulls_FlaggedOnTheirOwn()
    {
        string?[] reference = [.. Enumerable.Repeat("a", 500), .. Enumerable.Repeat("b", 500)];
        string?[] current = [.. Enumerable.Repeat("a", 480), .. Enumerable.Repeat("b", 400), .. Enumerable.Repeat("zeta", 20), .. Enumerable.Repeat<string?>(null, 100)];

        var result = Assert.Single(Analyzer.Detect([DriftColumnData.Categorical("plan", reference)], [DriftColumnData.Categorical("plan", current)], DriftOptions.Default).Report!.Columns);

        Assert.Equal(["zeta"], result.NewCategories);
        Assert.Equal(1, result.NewCategoryCount);
        Assert.True(result.NullShareRose);
        Assert.Equal(0.1, result.CurrentNullShare, 12);
        Assert.Equal(900, result.CurrentCount);
        Assert.Equal(DriftTest.ChiSquare, result.Test);
        Assert.Equal(0.0, result.PValue);
        Assert.True(result.Drifted);
    }

    [Fact]
    public void Detect_HalfTheFeaturesShifted_DatasetDriftAtTheConfiguredShare()
    {
        DriftColumnData[] reference = [.. Enumerable.Range(0, 4).Select(i => DriftColumnData.Numeric($"x{i}", Normal(3000, 0, i)))];
        DriftColumnData[] current = [.. Enumerable.Range(0, 4).Select(i => DriftColumnData.Numeric($"x{i}", Normal(3000, i < 2 ? 1.0 : 0, 100 + i)))];

        var half = Analyzer.Detect(reference, current, DriftOptions.Default).Report!;
        var strict = Analyzer.Detect(reference, current, DriftOptions.Default with { DatasetDriftShare = 0.75 }).Report!;

        Assert.Equal([true, true, false, false], half.Columns.Select(c => c.Drifted));
        Assert.All(half.Columns, c => Assert.Equal(DriftTest.Wasserstein, c.Test));
        Assert.True(half.DatasetDrift);
        Assert.Equal(0.5, half.DriftShare);
        Assert.False(strict.DatasetDrift);
    }

    [Fact]
    public void Detect_PredictionAndLabelColumns_ReportedApartFromTheDatasetShare()
    {
        var outcome = Analyzer.Detect(
            [DriftColumnData.Numeric("x", Normal(2000, 0, 1)), DriftColumnData.Numeric("score", Normal(2000, 0, 2), DriftColumnRole.Prediction), DriftColumnData.Categorical("churned", [.. Enumerable.Range(0, 2000).Select(i => i % 5 == 0 ? "1" : "0")], DriftColumnRole.Label)],
            [DriftColumnData.Numeric("x", Normal(2000, 0, 3)), DriftColumnData.Numeric("score", Normal(2000, 2, 4), DriftColumnRole.Prediction), DriftColumnData.Categorical("churned", [.. Enumerable.Range(0, 2000).Select(i => i % 2 == 0 ? "1" : "0")], DriftColumnRole.Label)],
            DriftOptions.Default);

        var report = outcome.Report!;
        Assert.Equal(1, report.FeatureColumns);
        Assert.False(report.DatasetDrift);
        Assert.True(report.PredictionDrift!.Drifted);
        Assert.True(report.LabelDrift!.Drifted);
        Assert.Equal(DriftTest.JensenShannon, report.LabelDrift.Test);
    }

    [Fact]
    public void Detect_CountsInsteadOfValues_SameResultAsTheValues()
    {
        string?[] reference = [.. Enumerable.Range(0, 3000).Select(i => i % 7 == 0 ? null : $"c{i % 4}")];
        string?[] current = [.. Enumerable.Range(0, 2000).Select(i => i % 5 == 0 ? null : $"c{i % 3}")];
        static DriftColumnData Counted(string?[] values) => DriftColumnData.CategoricalCounts("c",
            values.Where(v => v is not null).GroupBy(v => v!).ToDictionary(g => g.Key, g => (long)g.Count()), values.Count(v => v is null));

        var byValue = Assert.Single(Analyzer.Detect([DriftColumnData.Categorical("c", reference)], [DriftColumnData.Categorical("c", current)], DriftOptions.Default).Report!.Columns);
        var byCount = Assert.Single(Analyzer.Detect([Counted(reference)], [Counted(current)], DriftOptions.Default).Report!.Columns);

        Assert.Equal((byValue.Test, byValue.Score, byValue.Statistic, byValue.Drifted, byValue.ReferenceCount, byValue.CurrentCount, byValue.ReferenceNullShare, byValue.CurrentNullShare),
            (byCount.Test, byCount.Score, byCount.Statistic, byCount.Drifted, byCount.ReferenceCount, byCount.CurrentCount, byCount.ReferenceNullShare, byCount.CurrentNullShare));
        Assert.Equal(byValue.Histogram!.ReferenceCounts, byCount.Histogram!.ReferenceCounts);
        Assert.Equal(byValue.Histogram.Categories, byCount.Histogram.Categories);
    }

    [Fact]
    public void Detect_TextColumnForcedToKs_NotTestedWithTheReason()
    {
        var options = DriftOptions.Default with { Columns = new Dictionary<string, DriftColumnOptions> { ["plan"] = new(DriftTest.KolmogorovSmirnov) } };

        var result = Assert.Single(Analyzer.Detect([DriftColumnData.Categorical("plan", ["a", "b"])], [DriftColumnData.Categorical("plan", ["a"])], options).Report!.Columns);

        Assert.Equal("ks needs a numeric column; 'plan' holds text", result.Error);
        Assert.False(result.Drifted);
    }

    [Fact]
    public void Sort_RadixOnLargeArrays_SameOrderAsArraySort()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 50_000).Select(i => i % 11 == 0 ? -0.0 : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-5, 8))).ToArray();
        values[3] = double.MaxValue;
        values[4] = -double.MaxValue;
        values[5] = double.Epsilon;
        var expected = (double[])values.Clone();
        Array.Sort(expected);

        NumericSort.Sort(values);

        Assert.Equal(expected.Select(v => v == 0 ? 0 : v), values.Select(v => v == 0 ? 0 : v));
    }
}
