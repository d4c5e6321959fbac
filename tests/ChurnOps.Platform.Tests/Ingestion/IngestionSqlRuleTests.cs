using ChurnOps.Platform.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Platform.Tests.Ingestion;

/// <summary>Contract sql rules decide whether a load is accepted, like the other table-level rules.</summary>
public sealed class IngestionSqlRuleTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static async Task AddTableRuleAsync(TestProject project, string rule)
    {
        var path = Path.Combine(project.Root, "contracts", "customers.yaml");
        var yaml = await File.ReadAllTextAsync(path, Ct);
        const string anchor = "        mustBeGreaterThan: 0\n    properties:";
        Assert.Contains(anchor, yaml, StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, yaml.Replace(anchor, "        mustBeGreaterThan: 0\n" + rule + "    properties:", StringComparison.Ordinal), Ct);
    }

    [Fact]
    public async Task IngestAsync_SqlRuleHolds_LoadIsAccepted()
    {
        await using var project = await TestProject.CreateAsync();
        await AddTableRuleAsync(project, """
                  - type: sql
                    name: premium_share
                    query: |
                      SELECT 100.0 * count(*) FILTER (WHERE plan = 'premium') / count(*) FROM ${object}
                    mustBeLessThan: 60

            """);
        var file = project.WriteFile("c.csv", TestProject.CustomersCsv(TestProject.Customer(1), TestProject.Customer(2, plan: "premium")));

        var result = await project.Workspace.Services.GetRequiredService<IngestionService>().IngestAsync(new IngestRequest("customers", [file], null), Ct);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(2, await project.CountAsync("SELECT count(*) FROM staging.customers"));
    }

    [Fact]
    public async Task IngestAsync_SqlRuleBroken_LoadIsRefusedAndNothingIsWritten()
    {
        await using var project = await TestProject.CreateAsync();
        await AddTableRuleAsync(project, """
                  - type: sql
                    name: premium_share
                    query: SELECT 100.0 * count(*) FILTER (WHERE plan = 'premium') / count(*) FROM {object}
                    mustBeLessThan: 40

            """);
        var file = project.WriteFile("c.csv", TestProject.CustomersCsv(TestProject.Customer(1), TestProject.Customer(2, plan: "premium")));

        var result = await project.Workspace.Services.GetRequiredService<IngestionService>().IngestAsync(new IngestRequest("customers", [file], null), Ct);

        Assert.False(result.Succeeded);
        Assert.Equal("load refused: sql rule premium_share mustBeLessThan 40 failed for customers (measured 50)", result.Error);
        Assert.Equal(0, await project.CountOrZeroAsync("staging", "customers"));
        Assert.Equal(0, await project.CountOrZeroAsync("raw", "customers"));
    }

    [Fact]
    public async Task IngestAsync_SqlRuleQueryFails_LoadIsRefusedWithTheQueryError()
    {
        await using var project = await TestProject.CreateAsync();
        await AddTableRuleAsync(project, """
                  - type: sql
                    name: bad
                    query: SELECT count(*) FROM {object} WHERE no_such_column > 0
                    mustBe: 0

            """);
        var file = project.WriteFile("c.csv", TestProject.CustomersCsv(TestProject.Customer(1)));

        var result = await project.Workspace.Services.GetRequiredService<IngestionService>().IngestAsync(new IngestRequest("customers", [file], null), Ct);

        Assert.False(result.Succeeded);
        Assert.StartsWith("load refused: sql rule bad mustBe 0 on customers could not be evaluated: the query failed: Binder Error", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await project.CountOrZeroAsync("staging", "customers"));
    }
}
