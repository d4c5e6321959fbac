namespace ChurnOps.Cli.Tests.Ingest;

/// <summary>The CLI surface: exit codes and one-line errors on stderr. Console is process-wide, so these run serially.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class IngestCommandTests : TemplateProjectTests
{
    [Fact]
    public async Task Ingest_ValidFile_ExitsZeroAndReportsTheVersion()
    {
        var file = Path.Combine(Project.Root, "labels.csv");
        await File.WriteAllTextAsync(file, "customer_id,event_timestamp,churned\nC0000001,2024-06-01 00:00:00,1\nC0000002,2024-06-01 00:00:00,7\n");

        var (code, output, error) = await InProcessCli.RunAsync("ingest", "labels", file, "--dir", Project.Root);

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("2 rows read, 1 accepted into staging.labels, 1 quarantined", output, StringComparison.Ordinal);
        Assert.Contains("churned: above maximum 1", output, StringComparison.Ordinal);
        Assert.Contains($"    {file}:3: churned: above maximum 1", output, StringComparison.Ordinal);

        var (listCode, listOutput, _) = await InProcessCli.RunAsync("datasets", "list", "--dir", Project.Root);
        Assert.Equal(0, listCode);
        Assert.Contains("labels", listOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_MissingFile_OneLineErrorAndNonZeroExit()
    {
        var (code, _, error) = await InProcessCli.RunAsync("ingest", "labels", Path.Combine(Project.Root, "nope.csv"), "--dir", Project.Root);

        Assert.Equal(1, code);
        Assert.Equal($"error: {Path.Combine(Project.Root, "nope.csv")}: file not found", error.TrimEnd());
    }

    [Fact]
    public async Task ContractLint_InvalidContract_ListsEveryErrorAndFails()
    {
        var file = Path.Combine(Project.Root, "bad.yaml");
        await File.WriteAllTextAsync(file, "apiVersion: v3.0.2\nkind: Contract\nversion: x\nstatus: active\nschema: []\n");

        var (code, output, error) = await InProcessCli.RunAsync("contract", "lint", file);

        Assert.Equal(1, code);
        Assert.Contains($"{file}:2: error: kind: 'Contract' is not one of: DataContract", output, StringComparison.Ordinal);
        Assert.Contains($"{file}:1: error: id: is required", output, StringComparison.Ordinal);
        // ODCS makes schema optional: advice at lint, an error only at ingest.
        Assert.Contains($"{file}:5: warning: schema:", output, StringComparison.Ordinal);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }
}
