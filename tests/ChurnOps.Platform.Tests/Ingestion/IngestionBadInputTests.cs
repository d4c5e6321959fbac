using ChurnOps.Platform.Ingestion;
using ChurnOps.Storage.Datasets;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Platform.Tests.Ingestion;

/// <summary>Every bad input is a precise one-line error and nothing is written anywhere.</summary>
public sealed class IngestionBadInputTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static async Task<IngestResult> IngestAndAssertNothingWrittenAsync(TestProject project, IngestRequest request)
    {
        var result = await project.Workspace.Services.GetRequiredService<IngestionService>().IngestAsync(request, Ct);
        Assert.False(result.Succeeded);
        Assert.NotNull(result.Error);
        Assert.DoesNotContain('\n', result.Error);
        Assert.Null(result.DatasetVersion);
        Assert.Equal(0, await project.CountOrZeroAsync("raw", request.Table));
        Assert.Equal(0, await project.CountOrZeroAsync("staging", request.Table));
        Assert.Equal(0, await project.CountOrZeroAsync("quarantine", request.Table));
        Assert.Empty(await project.Workspace.DatasetVersions.ListAsync(null, 10, Ct));
        Assert.Empty(await project.Workspace.Events.ReadAfterAsync(0, 10, Ct));
        return result;
    }

    [Fact]
    public async Task IngestAsync_MissingFile_FailsNamingTheFile()
    {
        await using var project = await TestProject.CreateAsync();
        var result = await IngestAndAssertNothingWrittenAsync(project, new IngestRequest("customers", ["does-not-exist.csv"], null));
        Assert.Equal("does-not-exist.csv: file not found", result.Error);
    }

    [Fact]
    public async Task IngestAsync_EmptyFile_Fails()
    {
        await using var project = await TestProject.CreateAsync();
        var file = project.WriteFile("empty.csv", string.Empty);
        var result = await IngestAndAssertNothingWrittenAsync(project, new IngestRequest("customers", [file], null));
        Assert.Equal($"{file}: file is empty", result.Error);
    }

    [Fact]
    public async Task IngestAsync_HeaderOnly_Fails()
    {
        await using var project = await TestProject.CreateAsync();
        var file = project.WriteFile("header.csv", TestProject.CustomersHeader + "\n");
        var result = await IngestAndAssertNothingWrittenAsync(project, new IngestRequest("customers", [file], null));
        Assert.Equal($"{file}: no data rows (only a header)", result.Error);
    }

    [Fact]
    public async Task IngestAsync_FileLacksRequiredColumn_FailsNamingTheColumn()
    {
        await using var project = await TestProject.CreateAsync();
        var file = project.WriteFile("c.csv", "customer_id,plan\nC0000001,basic\n");
        var result = await IngestAndAssertNothingWrittenAsync(project, new IngestRequest("customers", [file], null));
        Assert.StartsWith($"{file}: missing required column 'signup_date'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_RaggedRowInSecondFile_FailsNamingFileAndLineAndWritesNothingFromTheFirst()
    {
        await using var project = await TestProject.CreateAsync();
        var good = project.WriteFile("a.csv", TestProject.CustomersCsv(TestProject.Customer(1)));
        var ragged = project.WriteFile("b.csv", TestProject.CustomersCsv(TestProject.Customer(2), "C0000003,2023-01-05,basic", TestProject.Customer(4)));
        var result = await IngestAndAssertNothingWrittenAsync(project, new IngestRequest("customers", [good, ragged], null));
        Assert.StartsWith($"{ragged}: line 3", result.Error, StringComparison.Ordinal);
        Assert.Contains("missing columns", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_RowWithTooManyCells_FailsNamingTheLine()
    {
        await using var project = await TestProject.CreateAsync();
        var file = project.WriteFile("c.csv", TestProject.CustomersCsv(TestProject.Customer(1), TestProject.Customer(2) + ",extra"));
        var result = await IngestAndAssertNothingWrittenAsync(project, new IngestRequest("customers", [file], null));
        Assert.StartsWith($"{file}: line 3", result.Error, StringComparison.Ordinal);
        Assert.Contains("too many columns", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_UnreadableParquet_Fails()
    {
        await using var project = await TestProject.CreateAsync();
        var file = project.WriteFile("c.parquet", "PAR1 this is not parquet");
        var result = await IngestAndAssertNothingWrittenAsync(project, new IngestRequest("customers", [file], null));
        Assert.StartsWith($"{file}: not a readable Parquet file", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_MalformedContract_FailsWithLine()
    {
        await using var project = await TestProject.CreateAsync();
        var contract = project.WriteFile("bad.yaml", "apiVersion: v3.0.2\nkind: DataContract\nschema: [\n");
        var file = project.WriteFile("c.csv", TestProject.CustomersCsv(TestProject.Customer(1)));
        var result = await IngestAndAssertNothingWrittenAsync(project, new IngestRequest("customers", [file], contract));
        Assert.Contains("malformed YAML", result.Error, StringComparison.Ordinal);
        Assert.Contains("line ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_TableRuleFails_RefusesTheWholeLoad()
    {
        await using var project = await TestProject.CreateAsync();
        var contractPath = Path.Combine(project.Root, "contracts", "customers.yaml");
        var text = (await File.ReadAllTextAsync(contractPath)).Replace("mustBeGreaterThan: 0", "mustBeGreaterThan: 5", StringComparison.Ordinal);
        await File.WriteAllTextAsync(contractPath, text);
        var file = project.WriteFile("c.csv", TestProject.CustomersCsv(TestProject.Customer(1), TestProject.Customer(2)));
        var result = await IngestAndAssertNothingWrittenAsync(project, new IngestRequest("customers", [file], null));
        Assert.Contains("rowCount mustBeGreaterThan 5", result.Error, StringComparison.Ordinal);
        Assert.Contains("measured 2", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_InvalidTableName_Fails()
    {
        await using var project = await TestProject.CreateAsync();
        var result = await project.Workspace.Services.GetRequiredService<IngestionService>().IngestAsync(new IngestRequest("x; DROP TABLE y", ["a.csv"], null), Ct);
        Assert.False(result.Succeeded);
        Assert.Contains("not a valid table name", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_WarehouseFailsAfterRawWasWritten_RollsBackEverything()
    {
        await using var project = await TestProject.CreateAsync();
        // .NET accepts the lookahead, so lint passes; DuckDB's RE2 refuses it while validating, after raw rows were inserted.
        var contractPath = Path.Combine(project.Root, "contracts", "customers.yaml");
        var text = (await File.ReadAllTextAsync(contractPath)).Replace("\"^C[0-9]{7}$\"", "\"^(?=C)C[0-9]{7}$\"", StringComparison.Ordinal);
        await File.WriteAllTextAsync(contractPath, text);
        var file = project.WriteFile("c.csv", TestProject.CustomersCsv(TestProject.Customer(1), TestProject.Customer(2)));

        var result = await IngestAndAssertNothingWrittenAsync(project, new IngestRequest("customers", [file], null));

        Assert.StartsWith("warehouse refused the load of customers", result.Error, StringComparison.Ordinal);
    }
}
