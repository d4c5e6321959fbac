using ChurnOps.Platform.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Platform.Tests.Ingestion;

/// <summary>Every raw and quarantined row says where it is in its file, so a data engineer can find a bad row.</summary>
public sealed class IngestionSourceLineTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task IngestAsync_Csv_RecordsThePhysicalLineOfEveryRowAndNamesQuarantinedOnes()
    {
        await using var project = await TestProject.CreateAsync();
        var rows = Enumerable.Range(1, 3000).Select(i => TestProject.Customer(i, age: i is 7 or 2500 ? "12" : null)).ToArray();
        var file = project.WriteFile("c.csv", TestProject.CustomersCsv(rows));

        var result = await project.Workspace.Services.GetRequiredService<IngestionService>().IngestAsync(new IngestRequest("customers", [file], null), Ct);

        Assert.True(result.Succeeded, result.Error);
        // Customer i is on line i + 1 (the header is line 1), for every one of the 3000 rows.
        Assert.Equal(0, await project.CountAsync("SELECT count(*) FROM raw.customers WHERE _source_line IS DISTINCT FROM CAST(substr(customer_id, 2) AS BIGINT) + 1"));
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM quarantine.customers WHERE customer_id = 'C0000007' AND _source_line = 8"));
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM quarantine.customers WHERE customer_id = 'C0002500' AND _source_line = 2501"));
        Assert.Equal(
            [new QuarantinedRow(file, 8, "age: below minimum 18"), new QuarantinedRow(file, 2501, "age: below minimum 18")],
            result.QuarantineSamples);
        Assert.Equal($"{file}:8", result.QuarantineSamples[0].Location);
    }

    [Fact]
    public async Task IngestAsync_TwoFiles_LinesCountWithinEachFile()
    {
        await using var project = await TestProject.CreateAsync();
        var a = project.WriteFile("a.csv", TestProject.CustomersCsv(TestProject.Customer(1), TestProject.Customer(2, plan: "gold")));
        var b = project.WriteFile("b.csv", TestProject.CustomersCsv(TestProject.Customer(3), TestProject.Customer(4), TestProject.Customer(5, plan: "gold")));

        var result = await project.Workspace.Services.GetRequiredService<IngestionService>().IngestAsync(new IngestRequest("customers", [a, b], null), Ct);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([new QuarantinedRow(a, 3, "plan: not one of the valid values"), new QuarantinedRow(b, 4, "plan: not one of the valid values")], result.QuarantineSamples);
    }

    [Fact]
    public async Task IngestAsync_Parquet_RecordsTheZeroBasedRowIndex()
    {
        await using var project = await TestProject.CreateAsync();
        var csv = project.WriteFile("c.csv", TestProject.CustomersCsv(TestProject.Customer(1), TestProject.Customer(2), TestProject.Customer(3, age: "5")));
        var parquet = Path.Combine(project.Root, "data", "c.parquet");
        await project.Workspace.Warehouse.ExecuteAsync($"COPY (SELECT * FROM read_csv('{csv}', all_varchar = true)) TO '{parquet}' (FORMAT parquet)", Ct);

        var result = await project.Workspace.Services.GetRequiredService<IngestionService>().IngestAsync(new IngestRequest("customers", [parquet], null), Ct);

        Assert.True(result.Succeeded, result.Error);
        var row = Assert.Single(result.QuarantineSamples);
        Assert.Equal((parquet, 2L), (row.File, row.Line));
        Assert.Equal($"{parquet} row index 2", row.Location);
        Assert.Equal(3, await project.CountAsync("SELECT count(DISTINCT _source_line) FROM raw.customers WHERE _source_line BETWEEN 0 AND 2"));
    }

    [Fact]
    public async Task IngestAsync_LoadRefusedByTableRule_StillNamesTheRowsThatWouldBeQuarantined()
    {
        await using var project = await TestProject.CreateAsync();
        var contractPath = Path.Combine(project.Root, "contracts", "customers.yaml");
        var text = await File.ReadAllTextAsync(contractPath, Ct);
        await File.WriteAllTextAsync(contractPath, text.Replace("        rule: rowCount\n        mustBeGreaterThan: 0\n", "        rule: rowCount\n        mustBeGreaterThan: 0\n      - type: library\n        rule: completeness\n        mustBeGreaterThan: 90\n", StringComparison.Ordinal), Ct);
        var file = project.WriteFile("c.csv", TestProject.CustomersCsv(TestProject.Customer(1), TestProject.Customer(2, age: "3")));

        var result = await project.Workspace.Services.GetRequiredService<IngestionService>().IngestAsync(new IngestRequest("customers", [file], null), Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("completeness", result.Error, StringComparison.Ordinal);
        Assert.Equal([new QuarantinedRow(file, 3, "age: below minimum 18")], result.QuarantineSamples);
        Assert.Equal(0, await project.CountOrZeroAsync("quarantine", "customers"));
    }
}
