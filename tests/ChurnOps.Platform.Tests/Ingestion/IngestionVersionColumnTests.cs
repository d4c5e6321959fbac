using ChurnOps.Platform.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Platform.Tests.Ingestion;

/// <summary>
/// Two copies of one key in one load: when the contract's freshness SLA names a timestamp column (customers.updated_at),
/// the newest copy wins and the older is quarantined as superseded; a tie, or no such column, quarantines every copy.
/// </summary>
public sealed class IngestionVersionColumnTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task IngestAsync_SameIdInTwoFilesNewerUpdatedAt_NewestStagedOlderQuarantinedAsSuperseded()
    {
        await using var project = await TestProject.CreateAsync();
        var newer = project.WriteFile("a.csv", TestProject.CustomersCsv(TestProject.Customer(1, plan: "premium", updatedAt: "2024-06-02 10:00:00"), TestProject.Customer(2)));
        var older = project.WriteFile("b.csv", TestProject.CustomersCsv(TestProject.Customer(1, plan: "basic", updatedAt: "2024-06-01 10:00:00")));

        var result = await project.Workspace.Services.GetRequiredService<IngestionService>().IngestAsync(new IngestRequest("customers", [newer, older], null), Ct);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal((3L, 2L, 1L), (result.RowsRead, result.RowsAccepted, result.RowsQuarantined));
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM staging.customers WHERE customer_id = 'C0000001' AND plan = 'premium'"));
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM quarantine.customers WHERE customer_id = 'C0000001' AND plan = 'basic' AND _rules = 'customer_id: superseded within load by a newer updated_at'"));
    }

    [Fact]
    public async Task IngestAsync_SameIdSameUpdatedAt_BothQuarantinedAsDuplicates()
    {
        await using var project = await TestProject.CreateAsync();
        var a = project.WriteFile("a.csv", TestProject.CustomersCsv(TestProject.Customer(1, plan: "premium"), TestProject.Customer(2)));
        var b = project.WriteFile("b.csv", TestProject.CustomersCsv(TestProject.Customer(1, plan: "basic")));

        var result = await project.Workspace.Services.GetRequiredService<IngestionService>().IngestAsync(new IngestRequest("customers", [a, b], null), Ct);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal((3L, 1L, 2L), (result.RowsRead, result.RowsAccepted, result.RowsQuarantined));
        Assert.Equal(0, await project.CountAsync("SELECT count(*) FROM staging.customers WHERE customer_id = 'C0000001'"));
        Assert.Equal(2, await project.CountAsync("SELECT count(*) FROM quarantine.customers WHERE customer_id = 'C0000001' AND _rules = 'customer_id: duplicate within load'"));
    }

    [Fact]
    public async Task IngestAsync_ContractWithoutFreshnessColumn_BothCopiesQuarantined()
    {
        await using var project = await TestProject.CreateAsync();
        var contract = Path.Combine(project.Root, "contracts", "customers.yaml");
        var text = await File.ReadAllTextAsync(contract, Ct);
        Assert.Contains("    element: customers.updated_at\n", text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(contract, text.Replace("    element: customers.updated_at\n", string.Empty, StringComparison.Ordinal), Ct);
        var newer = project.WriteFile("a.csv", TestProject.CustomersCsv(TestProject.Customer(1, updatedAt: "2024-06-02 10:00:00"), TestProject.Customer(2)));
        var older = project.WriteFile("b.csv", TestProject.CustomersCsv(TestProject.Customer(1, updatedAt: "2024-06-01 10:00:00")));

        var result = await project.Workspace.Services.GetRequiredService<IngestionService>().IngestAsync(new IngestRequest("customers", [newer, older], null), Ct);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal((3L, 1L, 2L), (result.RowsRead, result.RowsAccepted, result.RowsQuarantined));
        Assert.Equal(2, result.QuarantinedByRule["customer_id: duplicate within load"]);
    }
}
