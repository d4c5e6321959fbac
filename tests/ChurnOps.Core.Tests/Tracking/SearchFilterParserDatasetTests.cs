using ChurnOps.Core.Tracking.Search;

namespace ChurnOps.Core.Tests.Tracking;

public sealed class SearchFilterParserDatasetTests
{
    [Fact]
    public void ParseFilter_DatasetKeysAndComparators_ProduceDatasetClauses()
    {
        var (clauses, error) = SearchFilterParser.ParseFilter(
            "datasets.name = 'customers' AND dataset.digest != 'd1' AND datasets.context IN ('training', 'eval') AND datasets.name NOT IN ('x') AND datasets.name ILIKE 'CUST%'",
            SearchSchema.Runs);

        Assert.Null(error);
        // Lists compare by content, so the clauses are flattened to text first.
        Assert.Equal(
            [
                "Dataset name Equal customers ",
                "Dataset digest NotEqual d1 ",
                "Dataset context In  training|eval",
                "Dataset name NotIn  x",
                "Dataset name ILike CUST% ",
            ],
            clauses!.Select(c => $"{c.Entity} {c.Key} {c.Comparator} {c.Text} {string.Join('|', c.List ?? [])}"));
    }

    [Theory]
    [InlineData("datasets.profile = 'x'", "Invalid dataset key 'profile'")]
    [InlineData("datasets.name < 'x'", "Comparator '<' is not supported for dataset attribute 'name'")]
    [InlineData("datasets.digest = 12", "Expected a quoted string value for dataset attribute 'digest'")]
    [InlineData("datasets.name IN (SELECT name FROM tracking_inputs)", "Expected a quoted string in the IN list")]
    public void ParseFilter_BadDatasetClause_ReturnsPreciseError(string filter, string expected)
    {
        var (clauses, error) = SearchFilterParser.ParseFilter(filter, SearchSchema.Runs);

        Assert.Null(clauses);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFilter_DatasetsOnExperiments_IsRejected()
    {
        var (_, error) = SearchFilterParser.ParseFilter("datasets.name = 'x'", SearchSchema.Experiments);

        Assert.Contains("not supported", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFilter_RunNameAliasInBackticks_MapsToRunName()
    {
        var (clauses, error) = SearchFilterParser.ParseFilter("attributes.`Run name` = 'r1'", SearchSchema.Runs);

        Assert.Null(error);
        Assert.Equal("run_name", Assert.Single(clauses!).Key);
    }
}
