using ChurnOps.Core.Registry;

namespace ChurnOps.Core.Tests.Registry;

public sealed class RegistryFilterTests
{
    [Fact]
    public void Parse_ClausesJoinedByAnd_EachFieldOperatorAndValue()
    {
        var (clauses, error) = RegistryFilter.Parse("name ILIKE 'ch%' and tags.`my key` = \"it's\" AND run_id IN ('a', 'b') AND version_number >= 2", versions: true);

        Assert.Null(error);
        Assert.Equal(4, clauses!.Count);
        Assert.Equal(("name", "ILIKE", "ch%"), (clauses[0].Field, clauses[0].Operator, clauses[0].Values[0]));
        Assert.Equal(("tag", "my key", "=", "it's"), (clauses[1].Field, clauses[1].TagKey, clauses[1].Operator, clauses[1].Values[0]));
        Assert.Equal(["a", "b"], clauses[2].Values);
        Assert.Equal(("version_number", ">=", "2"), (clauses[3].Field, clauses[3].Operator, clauses[3].Values[0]));
    }

    [Fact]
    public void Parse_QuotedValueContainingAnd_StaysOneClause()
    {
        var (clauses, error) = RegistryFilter.Parse("name = 'churn AND upsell'", versions: false);

        Assert.Null(error);
        Assert.Equal("churn AND upsell", Assert.Single(clauses!).Values[0]);
    }

    [Theory]
    [InlineData("run_id = 'x'", false, "unknown field 'run_id'")]
    [InlineData("name LIKE churn", false, "must be a quoted string")]
    [InlineData("version_number = 'two'", true, "whole number")]
    [InlineData("name > 'a'", false, "operator > is not supported for name")]
    [InlineData("name ~ 'a'", false, "expected =, !=, LIKE, ILIKE or IN")]
    [InlineData("version_number LIKE '1'", true, "operator LIKE is not supported for version_number")]
    [InlineData("name = 'a' OR name = 'b'", false, "unexpected text")]
    [InlineData("run_id IN ('a'", true, "not closed")]
    public void Parse_Unsupported_RefusedWithReason(string filter, bool versions, string expected)
    {
        var (clauses, error) = RegistryFilter.Parse(filter, versions);

        Assert.Null(clauses);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.StartsWith("Invalid filter", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseOrder_KnownAndUnknownTerms_ParsedOrRefused()
    {
        var (order, error) = RegistryFilter.ParseOrder(["name DESC", "last_updated_timestamp", "version_number asc"], versions: true);
        var (_, refused) = RegistryFilter.ParseOrder(["run_id"], versions: true);
        var (_, badDirection) = RegistryFilter.ParseOrder(["name UP"], versions: false);

        Assert.Null(error);
        Assert.Equal([new RegistryOrder("name", true), new RegistryOrder("last_updated_timestamp", false), new RegistryOrder("version_number", false)], order);
        Assert.Contains("can order by", refused, StringComparison.Ordinal);
        Assert.Contains("ASC or DESC", badDirection, StringComparison.Ordinal);
    }
}
