using ChurnOps.Core.Tracking;
using ChurnOps.Core.Tracking.Search;

namespace ChurnOps.Core.Tests.Tracking;

public sealed class SearchFilterParserTests
{
    [Fact]
    public void ParseFilter_EveryEntityAndComparator_ProducesTypedClauses()
    {
        var (clauses, error) = SearchFilterParser.ParseFilter(
            "metrics.auc >= 0.8 and params.trainer = 'LightGbm' AND tags.\"mlflow.runName\" LIKE 'cand%' AND attributes.status != \"FAILED\" AND attribute.start_time < 1700000000000 AND tags.team ILIKE 'DS'",
            SearchSchema.Runs);

        Assert.Null(error);
        Assert.Equal(
            [
                new SearchClause(SearchEntity.Metric, "auc", SearchComparator.GreaterOrEqual, 0.8, null, null),
                new SearchClause(SearchEntity.Param, "trainer", SearchComparator.Equal, null, "LightGbm", null),
                new SearchClause(SearchEntity.Tag, "mlflow.runName", SearchComparator.Like, null, "cand%", null),
                new SearchClause(SearchEntity.Attribute, "status", SearchComparator.NotEqual, null, "FAILED", null),
                new SearchClause(SearchEntity.Attribute, "start_time", SearchComparator.Less, 1700000000000, null, null),
                new SearchClause(SearchEntity.Tag, "team", SearchComparator.ILike, null, "DS", null),
            ],
            clauses!);
    }

    [Theory]
    [InlineData("metrics.`my metric` > 1", "my metric")]
    [InlineData("metrics.\"my-metric\" > 1", "my-metric")]
    [InlineData("metric.auc>1", "auc")]
    [InlineData("metrics.a.b.c <= -1.5e3", "a.b.c")]
    public void ParseFilter_QuotedAndDottedKeys_KeepTheKey(string filter, string key)
    {
        var (clauses, error) = SearchFilterParser.ParseFilter(filter, SearchSchema.Runs);

        Assert.Null(error);
        Assert.Equal(key, Assert.Single(clauses!).Key);
    }

    [Fact]
    public void ParseFilter_UnprefixedKeyAndCreatedAlias_AreAttributes()
    {
        var (clauses, error) = SearchFilterParser.ParseFilter("status = 'FINISHED' AND created > 5 AND run_name = 'x'", SearchSchema.Runs);

        Assert.Null(error);
        Assert.Equal(["status", "start_time", "run_name"], clauses!.Select(c => c.Key));
        Assert.All(clauses!, c => Assert.Equal(SearchEntity.Attribute, c.Entity));
    }

    [Fact]
    public void ParseFilter_InList_ParsesEveryValue()
    {
        var (clauses, error) = SearchFilterParser.ParseFilter("attributes.run_id IN ('a', 'b','c')", SearchSchema.Runs);

        Assert.Null(error);
        Assert.Equal(["a", "b", "c"], Assert.Single(clauses!).List!);
    }

    [Fact]
    public void ParseFilter_DoubledQuoteInsideString_IsOneQuote()
    {
        var (clauses, _) = SearchFilterParser.ParseFilter("params.note = 'it''s'", SearchSchema.Runs);

        Assert.Equal("it's", Assert.Single(clauses!).Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void ParseFilter_Empty_ReturnsNoClauses(string? filter)
    {
        var (clauses, error) = SearchFilterParser.ParseFilter(filter, SearchSchema.Runs);

        Assert.Null(error);
        Assert.Empty(clauses!);
    }

    [Theory]
    [InlineData("metrics.auc > 0.5; DROP TABLE tracking_runs", "Invalid character ';'")]
    [InlineData("params.a = 'x' OR params.b = 'y'", "Only AND is supported")]
    [InlineData("params.a = 'x' -- comment", "Invalid character '-'")]
    [InlineData("1 = 1", "Expected an identifier")]
    [InlineData("params.a = (SELECT 1)", "Expected a quoted string")]
    [InlineData("metrics.auc > 'high'", "Expected a numeric value")]
    [InlineData("params.a > 'x'", "Comparator '>' is not supported for parameter")]
    [InlineData("metrics.auc LIKE '%'", "Comparator 'LIKE' is not supported for metric")]
    [InlineData("attributes.secret = 'x'", "Invalid attribute key 'secret'")]
    [InlineData("users.name = 'x'", "Invalid entity type 'users'")]
    [InlineData("params.a = 'unterminated", "Unterminated quoted value")]
    [InlineData("params.a = 'x' AND", "Expected an identifier")]
    [InlineData("params.a 'x'", "Expected a comparator")]
    [InlineData("params. = 'x'", "Missing key")]
    [InlineData("run_id IN ('a' 'b')", "Expected ',' or ')'")]
    public void ParseFilter_InvalidInput_ReturnsPreciseError(string filter, string expected)
    {
        var (clauses, error) = SearchFilterParser.ParseFilter(filter, SearchSchema.Runs);

        Assert.Null(clauses);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.StartsWith($"Invalid filter '{filter}'.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFilter_MetricsOnExperiments_IsRejected()
    {
        var (_, error) = SearchFilterParser.ParseFilter("metrics.auc > 1", SearchSchema.Experiments);

        Assert.Contains("not supported", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseOrderBy_TermsWithAndWithoutDirection_DefaultAscending()
    {
        var (orders, error) = SearchFilterParser.ParseOrderBy(["metrics.auc DESC", "params.lr", "attributes.start_time asc", "tags.`a b` DESC"], SearchSchema.Runs);

        Assert.Null(error);
        Assert.Equal(
            [
                new SearchOrder(SearchEntity.Metric, "auc", false),
                new SearchOrder(SearchEntity.Param, "lr", true),
                new SearchOrder(SearchEntity.Attribute, "start_time", true),
                new SearchOrder(SearchEntity.Tag, "a b", false),
            ],
            orders!);
    }

    [Theory]
    [InlineData("metrics.auc DESC; DROP TABLE x")]
    [InlineData("metrics.auc SIDEWAYS")]
    [InlineData("attributes.nope")]
    public void ParseOrderBy_Invalid_ReturnsError(string term)
    {
        var (orders, error) = SearchFilterParser.ParseOrderBy([term], SearchSchema.Runs);

        Assert.Null(orders);
        Assert.StartsWith($"Invalid order_by clause '{term}'.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void PageToken_RoundTripsAndRejectsGarbage()
    {
        Assert.True(PageToken.TryDecode(PageToken.Encode(2000), out var offset, out _));
        Assert.Equal(2000, offset);
        Assert.False(PageToken.TryDecode("bm9wZQ==", out _, out var error));
        Assert.Contains("Invalid page token", error, StringComparison.Ordinal);
        Assert.False(PageToken.TryDecode("%%%", out _, out _));
    }

    [Fact]
    public void ValidateBatch_ConflictingDuplicateParamsAndBadKeys_ReportsAll()
    {
        var errors = TrackingValidation.Batch(
            [new MetricPoint("../escape", 1, 1, 0)],
            [new RunParam("lr", "0.1"), new RunParam("lr", "0.2")],
            [new TrackingTag("", "x")]);

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Contains("Invalid metric name", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Duplicate parameter keys", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Missing value", StringComparison.Ordinal));
    }
}
