using System.Text.Json;

namespace ChurnOps.Cli.Tests.Models;

/// <summary>`churnops models lineage` as a real process on the quickstart's trained project.</summary>
[Collection(QuickstartCollection.Name)]
public sealed class ModelLineageCommandTests(QuickstartFixture fixture)
{
    private string Version => fixture.Summary.ModelVersion!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Lineage_QuickstartVersion_PrintsEveryLinkInOrder()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(fixture.ProjectDir, "models", "lineage", "churn", Version);

        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal($"churn version {Version}", lines[0]);
        var steps = lines.Skip(1).Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]).ToList();
        Assert.Equal(["contract", "dataset version", "feature view", "training set", "run", "model version", "aliases", "deployments"], steps);
        var labels = fixture.Summary.Ingested.Single(i => i.Table == "labels").DatasetVersion!;
        Assert.Contains(lines, l => l.StartsWith("contract:", StringComparison.Ordinal) && l.Contains("labels", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("dataset version:", StringComparison.Ordinal) && l.Contains(labels, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("feature view:", StringComparison.Ordinal) && l.Contains($"{fixture.Summary.FeatureView} version {fixture.Summary.FeatureViewVersion}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("training set:", StringComparison.Ordinal) && l.Contains(fixture.Summary.TrainingSetHash, StringComparison.Ordinal) && l.Contains("2,000 rows", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("run:", StringComparison.Ordinal) && l.Contains(fixture.Summary.ChosenRunId!, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("deployments:", StringComparison.Ordinal) && l.Contains("not recorded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lineage_Json_StepsWithFacts()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(fixture.ProjectDir, "models", "lineage", "churn", Version, "--json");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var steps = json.RootElement.GetProperty("steps").EnumerateArray().ToList();
        var training = steps.Single(s => s.GetProperty("step").GetString() == "training set");
        Assert.Equal(fixture.Summary.TrainingSetHash, training.GetProperty("facts").GetProperty("hash").GetString());
        Assert.False(steps.Single(s => s.GetProperty("step").GetString() == "deployments").GetProperty("recorded").GetBoolean());
        Assert.True(steps.Single(s => s.GetProperty("step").GetString() == "run").GetProperty("recorded").GetBoolean());
    }

    [Theory]
    [InlineData("nosuchmodel", "1", "Registered Model with name=nosuchmodel not found")]
    [InlineData("churn", "999", "Model Version (name=churn, version=999) not found")]
    [InlineData("churn", "3.5", "version '3.5' is not")]
    public async Task Lineage_BadInput_OneLineAndNonZeroExit(string name, string version, string expected)
    {
        var (code, _, stderr) = await CliProcess.RunAsync(fixture.ProjectDir, "models", "lineage", name, version);

        Assert.NotEqual(0, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: " + expected, line);
    }
}
