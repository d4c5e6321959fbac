using System.Globalization;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Cli.Tests.Warehouse;

/// <summary>`warehouse compact` gives the space of dropped data back to the disk and keeps every row that is still there.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class CompactCommandTests : TemplateProjectTests
{
    [Fact]
    public async Task Compact_AfterALargeTableWasDropped_FileShrinksAndRowsStay()
    {
        var file = Path.Combine(Project.Root, "labels.csv");
        await File.WriteAllTextAsync(file, "customer_id,event_timestamp,churned\nC0000001,2024-06-01 00:00:00,1\nC0000002,2024-06-01 00:00:00,0\n");
        Assert.Equal(0, (await InProcessCli.RunAsync("ingest", "labels", file, "--dir", Project.Root)).Code);
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(Project.Root, TimeProvider.System, CancellationToken.None);
        Assert.True(workspace is not null, error);
        // What an aborted load leaves behind: blocks that were written and are free again, with live data after them,
        // so the checkpoint's truncation of a free tail cannot give them back.
        foreach (var sql in new[]
        {
            "CREATE TABLE raw.scratch AS SELECT range AS id, md5(CAST(range AS VARCHAR)) AS payload FROM range(2000000)",
            "CHECKPOINT",
            "CREATE TABLE raw.after_scratch AS SELECT range AS id FROM range(1000)",
            "CHECKPOINT",
            "DROP TABLE raw.scratch",
            "CHECKPOINT",
        })
        {
            await workspace.Warehouse.ExecuteAsync(sql, CancellationToken.None);
        }

        var warehouseFile = workspace.Layout.WarehouseFile;
        var before = new FileInfo(warehouseFile).Length;

        var (code, output, stderr) = await InProcessCli.RunAsync("warehouse", "compact", "--dir", Project.Root);

        Assert.True(code == 0, stderr);
        var after = new FileInfo(warehouseFile).Length;
        Assert.True(after * 4 < before, $"{before} -> {after} bytes");
        Assert.Contains(" MB -> ", output, StringComparison.Ordinal);
        var (reopened, _) = await ChurnOpsWorkspace.OpenAsync(Project.Root, TimeProvider.System, CancellationToken.None);
        Assert.Equal(2L, Convert.ToInt64(await reopened!.Warehouse.ScalarAsync("SELECT count(*) FROM staging.labels", CancellationToken.None), CultureInfo.InvariantCulture));
        Assert.Equal(1000L, Convert.ToInt64(await reopened.Warehouse.ScalarAsync("SELECT count(*) FROM raw.after_scratch", CancellationToken.None), CultureInfo.InvariantCulture));
    }
}
