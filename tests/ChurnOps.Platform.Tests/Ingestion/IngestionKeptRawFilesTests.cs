using System.Security.Cryptography;
using ChurnOps.Platform.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Platform.Tests.Ingestion;

/// <summary>The embedded warehouse's raw layer: input files kept by content hash, raw.&lt;table&gt; a view over them.</summary>
public sealed class IngestionKeptRawFilesTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static Task<IngestResult> IngestAsync(TestProject project, params string[] files) =>
        project.Workspace.Services.GetRequiredService<IngestionService>().IngestAsync(new IngestRequest("customers", files, null), Ct);

    private static string KeptDir(TestProject project) => Path.Combine(project.Root, ".churnops", "raw");

    [Fact]
    public async Task IngestAsync_Csv_KeepsTheBytesByHashRecordsTheFileAndRawIsAViewOverIt()
    {
        await using var project = await TestProject.CreateAsync();
        var file = project.WriteFile("customers.csv", TestProject.CustomersCsv(TestProject.Customer(1), TestProject.Customer(2, age: "7")));
        var sha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file, Ct)));

        var result = await IngestAsync(project, file);

        Assert.True(result.Succeeded, result.Error);
        var kept = Path.Combine(KeptDir(project), sha + ".csv");
        Assert.Equal(await File.ReadAllBytesAsync(file, Ct), await File.ReadAllBytesAsync(kept, Ct));
        Assert.Equal(1, await project.CountAsync($"""
            SELECT count(*) FROM raw._kept_files WHERE table_name = 'customers' AND load_id = '{result.DatasetVersion}' AND source_file = '{file}'
              AND kept_file = '{sha}.csv' AND sha256 = '{sha}' AND size_bytes = {new FileInfo(file).Length} AND format = 'csv' AND delimiter = ',' AND rows = 2
            """));
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'raw' AND table_name = 'customers' AND table_type = 'VIEW'"));
        Assert.Equal(2, await project.CountAsync($"SELECT count(*) FROM raw.customers WHERE _load_id = '{result.DatasetVersion}' AND _source_file = '{file}'"));
        // The quarantined row keeps its original text and line, the same as the raw view shows.
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM quarantine.customers q JOIN raw.customers r USING (_source_line) WHERE q.age = '7' AND r.age = '7' AND q._source_line = 3"));
    }

    [Fact]
    public async Task RawView_ProjectMovedToAnotherFolder_StillReadsItsKeptFiles()
    {
        var moved = Path.Combine(Path.GetTempPath(), "churnops-tests", "moved-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var project = await TestProject.CreateAsync())
            {
                Assert.True((await IngestAsync(project, project.WriteFile("customers.csv", TestProject.CustomersCsv(TestProject.Customer(1), TestProject.Customer(2))))).Succeeded);
                CopyFolder(project.Root, moved);
            }

            // The original folder is gone: the view can only read the moved copy of the kept file.
            var (workspace, error) = await ChurnOps.Platform.Projects.ChurnOpsWorkspace.OpenAsync(moved, TimeProvider.System, Ct);
            Assert.True(workspace is not null, error);
            Assert.Equal(2L, Convert.ToInt64(await workspace!.Warehouse.ScalarAsync("SELECT count(*) FROM raw.customers WHERE _source_line IN (2, 3)", Ct), System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(moved, recursive: true);
            }
            catch (IOException)
            {
                // A DuckDB handle may still be closing; the temp directory is cleaned by the OS.
            }
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    [Fact]
    public async Task IngestAsync_TwoLoadsThenReingest_ViewUnionsBothAndReingestAddsNothing()
    {
        await using var project = await TestProject.CreateAsync();
        var first = project.WriteFile("a.csv", TestProject.CustomersCsv(TestProject.Customer(1), TestProject.Customer(2)));
        var second = project.WriteFile("b.csv", TestProject.CustomersCsv(TestProject.Customer(3), TestProject.Customer(4), TestProject.Customer(5)));

        Assert.True((await IngestAsync(project, first)).Succeeded);
        Assert.True((await IngestAsync(project, second)).Succeeded);
        var again = await IngestAsync(project, second);

        Assert.True(again.Unchanged);
        Assert.Equal((3L, 3L), (again.RowsRead, again.RowsAccepted));
        Assert.Equal(5, await project.CountAsync("SELECT count(*) FROM raw.customers"));
        Assert.Equal(2, await project.CountAsync("SELECT count(DISTINCT _load_id) FROM raw.customers"));
        Assert.Equal(2, await project.CountAsync("SELECT count(*) FROM raw._kept_files"));
        Assert.Equal(2, Directory.GetFiles(KeptDir(project)).Length);
    }

    [Fact]
    public async Task IngestAsync_MalformedFile_LeavesNoKeptCopyNoRecordAndNoRows()
    {
        await using var project = await TestProject.CreateAsync();
        Assert.True((await IngestAsync(project, project.WriteFile("good.csv", TestProject.CustomersCsv(TestProject.Customer(1))))).Succeeded);
        var ragged = project.WriteFile("ragged.csv", TestProject.CustomersCsv(TestProject.Customer(2), TestProject.Customer(3) + ",extra"));

        var result = await IngestAsync(project, ragged);

        Assert.False(result.Succeeded);
        Assert.Contains("line 3", result.Error, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(KeptDir(project)));
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM raw._kept_files"));
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM raw.customers"));
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM staging.customers"));
    }

    [Fact]
    public async Task IngestAsync_RawTableFromAnEarlierVersion_KeepsAppendingRowsToIt()
    {
        await using var project = await TestProject.CreateAsync();
        await project.Workspace.Warehouse.ExecuteAsync("""
            CREATE TABLE raw.customers (customer_id VARCHAR, signup_date VARCHAR, plan VARCHAR, contract_type VARCHAR, payment_method VARCHAR,
                region VARCHAR, age VARCHAR, monthly_charges VARCHAR, support_tickets VARCHAR, updated_at VARCHAR,
                _load_id VARCHAR, _loaded_at TIMESTAMP, _source_file VARCHAR, _source_line BIGINT)
            """, Ct);

        var result = await IngestAsync(project, project.WriteFile("c.csv", TestProject.CustomersCsv(TestProject.Customer(1), TestProject.Customer(2, age: "7"))));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal((2L, 1L, 1L), (result.RowsRead, result.RowsAccepted, result.RowsQuarantined));
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'raw' AND table_name = 'customers' AND table_type = 'BASE TABLE'"));
        Assert.Equal(2, await project.CountAsync("SELECT count(*) FROM raw.customers"));
        Assert.False(Directory.Exists(KeptDir(project)) && Directory.GetFiles(KeptDir(project)).Length > 0);
    }

    [Fact]
    public async Task IngestAsync_FileWithoutAnOptionalColumn_ViewReadsThatFilesColumnAsNull()
    {
        await using var project = await TestProject.CreateAsync();
        var header = TestProject.CustomersHeader.Replace(",age", string.Empty, StringComparison.Ordinal);
        var withoutAge = project.WriteFile("a.csv", header + "\n" + TestProject.Customer(1).Replace(",34,", ",", StringComparison.Ordinal) + "\n");

        var result = await IngestAsync(project, withoutAge);
        Assert.True(result.Succeeded, result.Error);
        Assert.True((await IngestAsync(project, project.WriteFile("b.csv", TestProject.CustomersCsv(TestProject.Customer(2))))).Succeeded);

        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM raw.customers WHERE age IS NULL AND customer_id = 'C0000001' AND monthly_charges = '29.5'"));
        Assert.Equal(1, await project.CountAsync("SELECT count(*) FROM raw.customers WHERE age = '34' AND customer_id = 'C0000002'"));
    }
}
