using ChurnOps.Core.Contracts;

namespace ChurnOps.Core.Tests.Contracts;

public sealed class ContractLintTests
{
    private static void AssertError(ContractParseResult result, string path, int line, string fragment)
    {
        Assert.True(
            result.Errors.Any(e => e.Path == path && e.Line == line && e.Message.Contains(fragment, StringComparison.Ordinal)),
            $"expected '{path}' line {line} '{fragment}' among: {string.Join(" | ", result.Errors)}");
    }

    [Fact]
    public void Parse_MalformedYaml_OneErrorWithItsLine()
    {
        var result = ExampleContracts.Parse(Path.Combine("invalid", "malformed.yaml"));

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Issues);
        Assert.StartsWith("malformed YAML", error.Message, StringComparison.Ordinal);
        Assert.Equal(7, error.Line);
    }

    private static void AssertWarning(ContractParseResult result, string path, int line, string fragment)
    {
        Assert.True(
            result.Issues.Any(e => e.Severity == ContractIssueSeverity.Warning && e.Path == path && e.Line == line && e.Message.Contains(fragment, StringComparison.Ordinal)),
            $"expected warning '{path}' line {line} '{fragment}' among: {string.Join(" | ", result.Issues)}");
    }

    [Fact]
    public void Parse_ContractWithManyProblems_ReportsEveryOneWithPathAndLine()
    {
        var result = ExampleContracts.Parse(Path.Combine("invalid", "many-errors.odcs.yaml"));

        Assert.False(result.Succeeded);
        // What the ODCS v3.0.2 schema refuses.
        AssertError(result, "kind", 2, "'Contract' is not one of: DataContract");
        AssertError(result, "id", 1, "is required");
        AssertError(result, "schema[0].properties[0].name", 10, "is required");
        AssertError(result, "schema[0].properties[1].logicalType", 12, "'text' is not one of: string, date");
        AssertError(result, "schema[0].properties[1].required", 13, "must be true or false");
        AssertError(result, "schema[0].properties[3].quality[0].rule", 24, "is required");
        AssertError(result, "schema[0].properties[3].quality[1].type", 25, "'magic' is not one of: text, library, sql, custom");
        Assert.Equal(7, result.Errors.Count());
        Assert.All(result.Errors, e => Assert.True(e.Line > 0, e.ToString()));
        // What only ChurnOps wants: advice.
        AssertWarning(result, "version", 3, "not a semantic version");
        AssertWarning(result, "team[0].username", 6, "no username");
        AssertWarning(result, "schema[0].properties[2].name", 14, "appears twice");
        AssertWarning(result, "schema[0].properties[2].logicalTypeOptions", 14, "minimum 10 is above maximum 5");
        AssertWarning(result, "schema[0].properties[3].logicalTypeOptions.pattern", 19, "not a regular expression ChurnOps can run");
        AssertWarning(result, "schema[0].properties[3].quality[2].unit", 29, "rows or percent");
        AssertWarning(result, "slaProperties[0]", 31, "freshness is not checked by ChurnOps");
        AssertWarning(result, "slaProperties[1]", 33, "completeness is not checked by ChurnOps");
    }

    [Fact]
    public void Parse_EmptySchema_IsValidWithAWarning()
    {
        var result = ExampleContracts.Parse("no-tables.odcs.yaml");

        Assert.True(result.Succeeded, string.Join("; ", result.Issues));
        AssertWarning(result, "schema", 6, "cannot drive ingest");
    }

    [Fact]
    public void Parse_InvalidDcs_ReportsFieldPaths()
    {
        var result = ExampleContracts.Parse(Path.Combine("invalid", "bad.dcs.yaml"));

        AssertError(result, "info.version", 5, "must be a string, not the number '1.0'");
        AssertError(result, "models.things.fields.a.type", 10, "'bignumber' is not one of: number, decimal");
        Assert.Equal(2, result.Errors.Count());
        AssertWarning(result, "models.things.fields.b.logicalTypeOptions", 12, "minimum 9 is above maximum 1");
        AssertWarning(result, "servicelevels.freshness.threshold", 17, "is not a duration ChurnOps reads");
    }

    [Fact]
    public void Parse_NotAnObject_IsAnError()
    {
        var result = ContractParser.Parse("- just\n- a list\n");

        Assert.Contains("one YAML object", Assert.Single(result.Issues).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PrimaryKeyNotRequired_IsAWarningOnly()
    {
        var result = ContractParser.Parse("apiVersion: v3.0.2\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: active\nschema:\n  - name: t\n    properties:\n      - name: id\n        logicalType: string\n        primaryKey: true\n");

        Assert.True(result.Succeeded);
        var warning = Assert.Single(result.Issues);
        Assert.Equal(ContractIssueSeverity.Warning, warning.Severity);
        Assert.Equal("schema[0].properties[0]", warning.Path);
    }

    [Theory]
    [InlineData("mustBe", 5, 5, true)]
    [InlineData("mustBe", 5, 6, false)]
    [InlineData("mustNotBe", 5, 6, true)]
    [InlineData("mustBeGreaterThan", 5, 5, false)]
    [InlineData("mustBeGreaterOrEqualTo", 5, 5, true)]
    [InlineData("mustBeLessThan", 5, 4.9, true)]
    [InlineData("mustBeLessOrEqualTo", 5, 5.1, false)]
    public void IsSatisfiedBy_Operators_FollowOdcsSemantics(string op, double threshold, double measured, bool expected)
    {
        Assert.Equal(expected, new QualityComparison(op, threshold).IsSatisfiedBy(measured));
    }

    [Fact]
    public void IsSatisfiedBy_Between_IsInclusiveAndNotBetweenIsItsComplement()
    {
        var between = new QualityComparison("mustBeBetween", 1, 3);
        var outside = new QualityComparison("mustNotBeBetween", 1, 3);
        Assert.Equal([false, true, true, true, false], new[] { 0.5, 1, 2, 3, 3.5 }.Select(between.IsSatisfiedBy));
        Assert.Equal([true, false, false, false, true], new[] { 0.5, 1, 2, 3, 3.5 }.Select(outside.IsSatisfiedBy));
    }

    [Fact]
    public void Parse_SqlRuleWithForbiddenSql_ReportsEachProblemWithPathAndFileLine()
    {
        const string yaml = """
            apiVersion: v3.0.2
            kind: DataContract
            id: sql-rules
            version: 1.0.0
            status: active
            schema:
              - name: things
                quality:
                  - type: sql
                    query: |
                      SELECT count(*)
                      FROM ${object}, read_csv('/etc/passwd')
                    mustBe: 0
                  - type: sql
                    query: SELECT 1; DELETE FROM things
                    mustBe: 1
                  - type: sql
                    query: SELECT count(*) FROM {object} WHERE {property} IS NULL
                    mustBe: 0
                  - type: sql
                    query: SELECT count(*) FROM {object}
                    mustBeGreaterThan: 0
                properties:
                  - name: thing_id
                    logicalType: string
                    quality:
                      - type: sql
                        query: SELECT count(*) FROM {object} WHERE {property} IS NULL
                        mustBe: 0
            """;

        var result = ContractParser.Parse(yaml);

        Assert.False(result.Succeeded);
        AssertError(result, "schema[0].quality[0].query", 12, "function 'read_csv' is not allowed");
        AssertError(result, "schema[0].quality[1].query", 15, "only one statement is allowed");
        AssertError(result, "schema[0].quality[1].query", 15, "'DELETE' is not allowed");
        AssertError(result, "schema[0].quality[2].query", 18, "{property} has no value in a table-level rule");
        Assert.Equal(4, result.Errors.Count());
    }
}
