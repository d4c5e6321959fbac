using System.Globalization;
using ChurnOps.Platform.Ingestion;
using ChurnOps.Storage.Datasets;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Platform.Tests.Ingestion;

public sealed class IngestionServiceTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task IngestAsync_ValidCsv_LoadsTypedStagingRecordsVersionAndEvent()
    {
        await using var project = await TestProject.CreateAsync();
        var file = project.WriteFile("customers.csv", TestProject.CustomersCsv(TestProject.Customer(1), TestProject.Customer(2, plan: "premium")));

        var result = await project.Workspace.Services.GetRequiredService<IngestionService>().IngestAsync(new IngestRequest("customers", [file], null), Ct);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal((2L, 2L, 0L), (result.RowsRead, result.RowsAccepted, result.RowsQuarantined));
        Assert.Matches("^[0-9a-f]{16}$", result.DatasetVersion);
        var columns = await project.Workspace.Warehouse.DescribeAsync("staging", "customers", Ct);
        Assert.Equal("INTEGER", columns.Single(c => c.Name == "age").SqlType);
        Assert.Equal("DATE", columns.Single(c => c.Name == "signup_date").SqlType);
        Assert.Equal("TIMESTAMP", columns.Single(c => c.Name == "updated_at").SqlType);
        Assert.Equal(2, await project.CountAsync("SELECT count(*) FROM raw.customers WHERE _load_id IS NOT NULL AND _source_file IS NOT NULL AND _loaded_at IS NOT NULL"));
        Assert.Equal(68.0, Convert.ToDouble(await project.Workspace.Warehouse.ScalarAsync("SELECT CAST(sum(age) AS DOUBLE) FROM staging.customers", Ct), CultureInfo.InvariantCulture));

        var version = await project.Workspace.DatasetVersions.GetAsync("customers", result.DatasetVersion!, Ct);
        Assert.NotNull(version);
        Assert.Equal(("customers", "1.0.0", 2L), (version.ContractId, version.ContractVersion, version.RowsAccepted));
        Assert.Equal([file], version.Files);

        var events = await project.Workspace.Events.ReadAfterAsync(0, 10, Ct);
        var updated = Assert.Single(events, e => e.Type == "data.customers.updated");
        Assert.Contains(result.DatasetVersion!, updated.PayloadJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_BadCells_QuarantinesEachWithItsRulesAndCountsAddUp()
    {
        await using var project = await TestProject.CreateAsync();
        var file = project.WriteFile("customers.csv", TestProject.CustomersCsv(
            TestProject.Customer(1),
            TestProject.Customer(2, plan: "gold"),
            TestProject.Customer(3, age: "17"),
            TestProject.Customer(4, age: "4.5"),
            TestProject.Customer(5, charges: "abc"),
            TestProject.Customer(6, updatedAt: "yesterday"),
            "X1,2023-01-05,basic,month-to-month,card,north,34,29.5,1,2024-06-01",
            TestProject.Customer(7, age: ""),
            TestProject.Customer(8),
            TestProject.Customer(8)));

        var result = await project.Workspace.Services.GetRequiredService<IngestionService>().IngestAsync(new IngestRequest("customers", [file], null), Ct);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(10, result.RowsRead);
        Assert.Equal(2, result.RowsAccepted); // C1 and C7 (age is optional)
        Assert.Equal(8, result.RowsQuarantined);
        Assert.Equal(result.RowsRead, result.RowsAccepted + result.RowsQuarantined);
        Assert.Equal(2, await project.CountAsync("SELECT count(*) FROM staging.customers"));
        Assert.Equal(8, await project.CountAsync("SELECT count(*) FROM quarantine.customers"));
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM quarantine.customers WHERE customer_id = 'C0000002' AND _rules = 'plan: not one of the valid values'"));
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM quarantine.customers WHERE customer_id = 'C0000003' AND _rules = 'age: below minimum 18'"));
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM quarantine.customers WHERE customer_id = 'C0000004' AND _rules = 'age: not a valid INTEGER'"));
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM quarantine.customers WHERE customer_id = 'C0000005' AND _rules = 'monthly_charges: not a valid DOUBLE'"));
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM quarantine.customers WHERE customer_id = 'C0000006' AND _rules = 'updated_at: not a valid TIMESTAMP'"));
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM quarantine.customers WHERE customer_id = 'X1' AND _rules LIKE 'customer_id: does not match pattern%'"));
        Assert.Equal(2, await project.CountAsync("SELECT count(*) FROM quarantine.customers WHERE customer_id = 'C0000008' AND _rules = 'customer_id: duplicate within load'"));
        Assert.Equal(2, result.QuarantinedByRule["customer_id: duplicate within load"]);
    }

    [Fact]
    public async Task IngestAsync_SameContentTwice_SecondIsUnchangedWithoutDuplicateRows()
    {
        await using var project = await TestProject.CreateAsync();
        var csv = TestProject.CustomersCsv(TestProject.Customer(1), TestProject.Customer(2, age: "200"));
        var first = project.WriteFile("a.csv", csv);
        var copy = project.WriteFile("copy-of-a.csv", csv);
        var service = project.Workspace.Services.GetRequiredService<IngestionService>();

        var one = await service.IngestAsync(new IngestRequest("customers", [first], null), Ct);
        var two = await service.IngestAsync(new IngestRequest("customers", [copy], null), Ct);

        Assert.True(two.Succeeded, two.Error);
        Assert.True(two.Unchanged);
        Assert.Equal(one.DatasetVersion, two.DatasetVersion);
        Assert.Equal((2L, 1L, 1L), (two.RowsRead, two.RowsAccepted, two.RowsQuarantined));
        Assert.Equal(2, await project.CountAsync("SELECT count(*) FROM raw.customers"));
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM staging.customers"));
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM quarantine.customers"));
        Assert.Single(await project.Workspace.DatasetVersions.ListAsync("customers", 10, Ct));
        Assert.Single(await project.Workspace.Events.ReadAfterAsync(0, 10, Ct), e => e.Type == "data.customers.updated");
    }

    [Fact]
    public async Task IngestAsync_NewerRowForSameKey_UpsertsStagingByPrimaryKey()
    {
        await using var project = await TestProject.CreateAsync();
        var service = project.Workspace.Services.GetRequiredService<IngestionService>();
        var day1 = project.WriteFile("day1.csv", TestProject.CustomersCsv(TestProject.Customer(1), TestProject.Customer(2)));
        var day2 = project.WriteFile("day2.csv", TestProject.CustomersCsv(TestProject.Customer(2, plan: "premium"), TestProject.Customer(3)));

        Assert.True((await service.IngestAsync(new IngestRequest("customers", [day1], null), Ct)).Succeeded);
        var second = await service.IngestAsync(new IngestRequest("customers", [day2], null), Ct);

        Assert.True(second.Succeeded, second.Error);
        Assert.Equal(3, await project.CountAsync("SELECT count(*) FROM staging.customers"));
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM staging.customers WHERE customer_id = 'C0000002' AND plan = 'premium'"));
        Assert.Equal(4, await project.CountAsync("SELECT count(*) FROM raw.customers"));
        Assert.Equal(2, (await project.Workspace.DatasetVersions.ListAsync("customers", 10, Ct)).Count);
    }

    [Fact]
    public async Task IngestAsync_SeveralFilesAndGlob_LoadsEveryFileWithItsSourceName()
    {
        await using var project = await TestProject.CreateAsync();
        project.WriteFile("part-1.csv", TestProject.CustomersCsv(TestProject.Customer(1)));
        project.WriteFile("part-2.csv", TestProject.CustomersCsv(TestProject.Customer(2), TestProject.Customer(3)));

        var result = await project.Workspace.Services.GetRequiredService<IngestionService>().IngestAsync(new IngestRequest("customers", [Path.Combine(project.Root, "data", "part-*.csv")], null), Ct);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(3, result.RowsAccepted);
        Assert.Equal(2, await project.CountAsync("SELECT count(DISTINCT _source_file) FROM raw.customers"));
    }

    [Fact]
    public async Task IngestAsync_TimestampWithOffset_IsStoredInUtc()
    {
        await using var project = await TestProject.CreateAsync();
        var file = project.WriteFile("c.csv", TestProject.CustomersCsv(TestProject.Customer(1, updatedAt: "2024-06-01T10:00:00+02:00"), TestProject.Customer(2, updatedAt: "2024-06-01T10:00:00Z")));

        var result = await project.Workspace.Services.GetRequiredService<IngestionService>().IngestAsync(new IngestRequest("customers", [file], null), Ct);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM staging.customers WHERE customer_id = 'C0000001' AND updated_at = TIMESTAMP '2024-06-01 08:00:00'"));
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM staging.customers WHERE customer_id = 'C0000002' AND updated_at = TIMESTAMP '2024-06-01 10:00:00'"));
    }

    [Fact]
    public async Task IngestAsync_ParquetFile_LoadsLikeCsv()
    {
        await using var project = await TestProject.CreateAsync();
        var csv = project.WriteFile("c.csv", TestProject.CustomersCsv(TestProject.Customer(1), TestProject.Customer(2, age: "5")));
        var parquet = Path.Combine(project.Root, "data", "c.parquet");
        await project.Workspace.Warehouse.ExecuteAsync($"COPY (SELECT * FROM read_csv('{csv}')) TO '{parquet}' (FORMAT parquet)", Ct);

        var result = await project.Workspace.Services.GetRequiredService<IngestionService>().IngestAsync(new IngestRequest("customers", [parquet], null), Ct);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal((2L, 1L, 1L), (result.RowsRead, result.RowsAccepted, result.RowsQuarantined));
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM staging.customers WHERE updated_at = TIMESTAMP '2024-06-01 10:00:00'"));
    }
}
