using ChurnOps.Platform.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Platform.Tests.Ingestion;

/// <summary>
/// A blank cell (spaces only) in a number column is a missing value, as Telco's TotalCharges " " is: null when the
/// contract makes the column optional, "required" when it does not, never "not a valid" number.
/// </summary>
public sealed class IngestionBlankNumberTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task IngestAsync_BlankCellsInNumberColumns_AreMissingValues()
    {
        await using var project = await TestProject.CreateAsync();
        var file = project.WriteFile("c.csv", TestProject.CustomersCsv(
            TestProject.Customer(1, age: " "),
            TestProject.Customer(2, charges: "  "),
            TestProject.Customer(3, age: "abc"),
            TestProject.Customer(4)));

        var result = await project.Workspace.Services.GetRequiredService<IngestionService>().IngestAsync(new IngestRequest("customers", [file], null), Ct);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(2, result.RowsAccepted);
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM staging.customers WHERE customer_id = 'C0000001' AND age IS NULL"));
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM staging.customers WHERE customer_id = 'C0000004' AND age = 34"));
        Assert.Equal(
            [("age: not a valid INTEGER", 1L), ("monthly_charges: required", 1L)],
            result.QuarantinedByRule.Select(r => (r.Key, r.Value)).OrderBy(r => r.Key, StringComparer.Ordinal));
    }
}
