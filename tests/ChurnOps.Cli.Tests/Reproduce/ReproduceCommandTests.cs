using System.Text.Json;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Cli.Tests.Reproduce;

/// <summary>`churnops reproduce` as a real process on the quickstart's project: identical for the champion, named differences after a change.</summary>
[Collection(QuickstartCollection.Name)]
public sealed class ReproduceCommandTests(QuickstartFixture fixture)
{
    [Fact]
    public async Task Reproduce_Champion_GivesIdenticalScoresAndExitsZero()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(fixture.ProjectDir, "reproduce", "models:/churn@champion");

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains($"identical: churn version {fixture.Rerun.ModelVersion} re-trained", stdout);
        Assert.Contains("test scores bit for bit", stdout);
    }

    [Fact]
    public async Task Reproduce_VersionJson_ReportsZeroDifferingScoresAndTheSameHash()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(fixture.ProjectDir, "reproduce", $"models:/churn/{fixture.Summary.ModelVersion}", "--json");

        Assert.True(code == 0, stdout + stderr);
        using var json = JsonDocument.Parse(stdout[stdout.IndexOf('{', StringComparison.Ordinal)..]);
        var root = json.RootElement;
        Assert.True(root.GetProperty("reproduced").GetBoolean());
        Assert.Equal(0, root.GetProperty("differingScores").GetInt32());
        Assert.Equal(0, root.GetProperty("maxAbsDifference").GetDouble());
        Assert.Equal(400, root.GetProperty("testRows").GetInt32());
        Assert.Equal(fixture.Summary.TrainingSetHash, root.GetProperty("dataHash").GetString());
        Assert.Equal(root.GetProperty("recordedDataHash").GetString(), root.GetProperty("dataHash").GetString());
        Assert.Empty(root.GetProperty("differences").EnumerateArray());
    }

    [Fact]
    public async Task Reproduce_StagingLabelsModified_NamesDataChangedAndExitsFour()
    {
        using var copy = new ProjectCopy(fixture.ProjectDir);
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(copy.Path, TimeProvider.System, CancellationToken.None);
        Assert.True(workspace is not null, error);
        // Flip the label of every 10th customer: the rebuilt training set no longer matches the recorded one.
        await workspace.Warehouse.ExecuteAsync("UPDATE staging.labels SET churned = 1 - churned WHERE customer_id LIKE '%0'", CancellationToken.None);

        var (code, stdout, stderr) = await CliProcess.RunAsync(copy.Path, "reproduce", "models:/churn@champion");

        Assert.True(code == 4, $"exit {code}: {stdout} {stderr}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith("reproducing", StringComparison.Ordinal)).ToList();
        Assert.StartsWith("data changed: training-set hash " + fixture.Rerun.TrainingSetHash + " recorded, ", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("scores differ: ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("trainer nondeterminism", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("code changed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("churn", "'churn' is not a model URI (expected models:/NAME/VERSION or models:/NAME@ALIAS)")]
    [InlineData("models:/churn/three", "model URI 'models:/churn/three': 'three' is not a version number")]
    [InlineData("models:/churn/999", "Model Version (name=churn, version=999) not found")]
    [InlineData("models:/churn@nobody", "Registered model alias nobody not found for model churn")]
    [InlineData("models:/nosuchmodel/1", "Registered Model with name=nosuchmodel not found")]
    public async Task Reproduce_BadInput_OneLineAndExitOne(string uri, string expected)
    {
        var (code, _, stderr) = await CliProcess.RunAsync(fixture.ProjectDir, "reproduce", uri);

        Assert.Equal(1, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: " + expected, line);
    }
}
