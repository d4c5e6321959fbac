namespace ChurnOps.Cli.Tests.Contract;

/// <summary>ODCS sql rules through the CLI: lint refuses forbidden SQL with file:line, contract test runs the allowed ones.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ContractSqlRuleCommandTests : TemplateProjectTests
{
    private async Task<string> AddLabelsRuleAsync(string rule)
    {
        var path = Path.Combine(Project.Root, "contracts", "labels.yaml");
        var yaml = await File.ReadAllTextAsync(path);
        const string anchor = "    properties:\n";
        Assert.Contains(anchor, yaml, StringComparison.Ordinal);
        var at = yaml.IndexOf(anchor, StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, yaml[..at] + "    quality:\n" + rule + yaml[at..]);
        return path;
    }

    [Fact]
    public async Task ContractLint_SqlRuleThatReadsAFile_ErrorWithPathAndLine()
    {
        var path = await AddLabelsRuleAsync("      - type: sql\n        query: SELECT count(*) FROM read_csv('/etc/passwd')\n        mustBe: 0\n");
        var line = File.ReadAllLines(path).ToList().FindIndex(l => l.Contains("read_csv", StringComparison.Ordinal)) + 1;

        var (code, output, _) = await InProcessCli.RunAsync("contract", "lint", path);

        Assert.Equal(1, code);
        Assert.Contains($"{path}:{line}: error: schema[0].quality[0].query: query refused: function 'read_csv' is not allowed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContractTest_SqlRules_ReportedInTheSuiteWithTheirMeasuredValues()
    {
        var file = Path.Combine(Project.Root, "labels.csv");
        await File.WriteAllTextAsync(file, "customer_id,event_timestamp,churned\nC0000001,2024-06-01 00:00:00,1\nC0000002,2024-06-01 00:00:00,0\n");
        Assert.Equal(0, (await InProcessCli.RunAsync("ingest", "labels", file, "--dir", Project.Root)).Code);
        // Added after the load: ingestion enforces sql rules too and would refuse it.
        await AddLabelsRuleAsync(
            "      - type: sql\n        name: churn_rate_percent\n        query: SELECT 100.0 * avg(churned) FROM ${object}\n        mustBeLessThan: 40\n" +
            "      - type: sql\n        name: broken\n        query: SELECT churned FROM ${object}\n        mustBe: 0\n");

        var (code, output, error) = await InProcessCli.RunAsync("contract", "test", "labels", "--dir", Project.Root);

        Assert.Equal(2, code);
        Assert.Contains("expect_sql_query_result_to_satisfy(churn_rate_percent, mustBeLessThan 40)", output, StringComparison.Ordinal);
        Assert.Contains("expect_sql_query_result_to_satisfy(broken, mustBe 0)", output, StringComparison.Ordinal);
        Assert.Contains("returned more than one row", output, StringComparison.Ordinal);
        Assert.Contains("breaks its contract: 2 expectation(s) failed", error, StringComparison.Ordinal);
    }
}
