namespace ChurnOps.Cli.Tests.Ingest;

/// <summary>What ingest prints about the user's data: escaped, cut, and an exit code that tells a script nothing was kept.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class IngestUserDataTests : TemplateProjectTests
{
    [Fact]
    public async Task Ingest_HeaderWithTerminalTitleSequence_PrintedEscaped()
    {
        var file = Path.Combine(Project.Root, "labels.csv");
        await File.WriteAllTextAsync(file, "customer_id,event_timestamp,churned,\u001b]0;pwned\u0007x\nC0000001,2024-06-01 00:00:00,1,a\n");

        var (code, output, error) = await InProcessCli.RunAsync("ingest", "labels", file, "--dir", Project.Root);

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("columns not in the contract are ignored: \\x1B]0;pwned\\x07x", output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain('\u0007', output);
    }

    [Fact]
    public async Task Ingest_TenMegabyteHeaderName_OneShortErrorLineWithTheOriginalLength()
    {
        var file = Path.Combine(Project.Root, "labels.csv");
        await File.WriteAllTextAsync(file, "customer_id,event_timestamp," + new string('A', 10_000_000) + "\nC0000001,2024-06-01 00:00:00,1\n");

        var (code, _, error) = await InProcessCli.RunAsync("ingest", "labels", file, "--dir", Project.Root);

        Assert.Equal(1, code);
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("missing required column 'churned'", line, StringComparison.Ordinal);
        Assert.Contains("… (10,000,000 chars)", line, StringComparison.Ordinal);
        Assert.True(line.Length < 2_000, $"error line is {line.Length} chars");
    }

    [Fact]
    public async Task Ingest_EveryRowQuarantined_ExitsThreeWithTheSummaryAndKeepsTheQuarantine()
    {
        var file = Path.Combine(Project.Root, "labels.csv");
        await File.WriteAllTextAsync(file, "customer_id,event_timestamp,churned\nC0000001,2024-06-01 00:00:00,7\nC0000002,2024-06-01 00:00:00,9\n");

        var (code, output, error) = await InProcessCli.RunAsync("ingest", "labels", file, "--dir", Project.Root);

        Assert.Equal(3, code);
        Assert.Contains("2 rows read, 0 accepted into staging.labels, 2 quarantined", output, StringComparison.Ordinal);
        Assert.Equal("error: labels: all 2 rows were quarantined; nothing reached staging.labels (see quarantine.labels)", error.TrimEnd());
        var (listCode, listOutput, _) = await InProcessCli.RunAsync("datasets", "list", "labels", "--dir", Project.Root);
        Assert.Equal(0, listCode);
        Assert.Contains("\t2\t0\t2\t", listOutput, StringComparison.Ordinal);
    }
}
