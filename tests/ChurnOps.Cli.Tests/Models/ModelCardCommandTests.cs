using System.Text.Json;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Registry.Cards;

namespace ChurnOps.Cli.Tests.Models;

/// <summary>`churnops models card` as a real process on the quickstart's trained project.</summary>
[Collection(QuickstartCollection.Name)]
public sealed class ModelCardCommandTests(QuickstartFixture fixture)
{
    private string Version => fixture.Summary.ModelVersion!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Card_Json_HasEverySectionAndIntervalsBracketTheEstimates()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(fixture.ProjectDir, "models", "card", "churn", Version, "--json");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        var details = root.GetProperty("model_details");
        Assert.Equal("churn", details.GetProperty("name").GetString());
        Assert.Equal(Version, details.GetProperty("version").GetProperty("name").GetString());
        Assert.True(details.GetProperty("owners").GetArrayLength() > 0);
        var training = root.GetProperty("model_parameters").GetProperty("data")[0];
        Assert.Equal(2000, training.GetProperty("rows").GetInt32());
        Assert.InRange(training.GetProperty("positives").GetInt32(), 1, 1999);
        Assert.Equal(fixture.Summary.Ingested.Single(i => i.Table == "labels").DatasetVersion, training.GetProperty("dataset_version").GetString());
        Assert.Equal(fixture.Summary.TrainingSetHash, training.GetProperty("training_set_hash").GetString());
        var features = root.GetProperty("model_parameters").GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(fixture.Summary.FeatureCount, features.Count);
        Assert.All(features, f => Assert.Equal(fixture.Summary.FeatureViewVersion, f.GetProperty("view_version").GetString()));
        var analysis = root.GetProperty("quantitative_analysis");
        Assert.Contains("1,000 resamples", analysis.GetProperty("method").GetString());
        var metrics = analysis.GetProperty("performance_metrics").EnumerateArray().ToList();
        Assert.Contains(metrics, m => m.GetProperty("type").GetString() == "auc");
        Assert.All(metrics, m =>
        {
            var interval = m.GetProperty("confidence_interval");
            var value = m.GetProperty("value").GetDouble();
            Assert.InRange(value, interval.GetProperty("lower_bound").GetDouble(), interval.GetProperty("upper_bound").GetDouble());
        });
        Assert.Equal(0.8, analysis.GetProperty("threshold_policy").GetProperty("target_precision").GetDouble());
        Assert.Empty(analysis.GetProperty("segments").EnumerateArray());
        Assert.True(root.GetProperty("considerations").GetProperty("use_cases").GetArrayLength() > 0);
        Assert.True(root.GetProperty("considerations").GetProperty("limitations").GetArrayLength() > 0);
        // The quickstart signs its first version off on behalf of the accountable team: the card shows that record.
        var approval = root.GetProperty("approval_history")[0];
        Assert.Equal("approved", approval.GetProperty("decision").GetString());
        Assert.Equal("quickstart", approval.GetProperty("actor").GetString());
        Assert.Equal("approved", details.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Card_SegmentsConfigured_HasOneRowPerSegmentValue()
    {
        var environment = new Dictionary<string, string> { ["CHURNOPS__MODEL__SEGMENTS__0"] = "region", ["CHURNOPS__MODEL__SEGMENTS__1"] = "plan" };

        var (code, stdout, stderr) = await CliProcess.RunWithEnvironmentAsync(fixture.ProjectDir, environment, "models", "card", "churn", Version, "--json");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var analysis = json.RootElement.GetProperty("quantitative_analysis");
        var segments = analysis.GetProperty("segments").EnumerateArray().ToList();
        foreach (var column in new[] { "region", "plan" })
        {
            var rows = segments.Where(s => s.GetProperty("column").GetString() == column).ToList();
            Assert.True(rows.Count >= 2, column);
            Assert.Equal(400, rows.Sum(s => s.GetProperty("rows").GetInt32()));
        }

        var slices = analysis.GetProperty("performance_metrics").EnumerateArray().Select(m => m.GetProperty("slice").GetString()!).ToList();
        Assert.Contains(slices, s => s.StartsWith("region=", StringComparison.Ordinal));
        Assert.Contains(slices, s => s.StartsWith("plan=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Card_Markdown_PrintsTheSectionsAndOutWritesTheSameFile()
    {
        using var temp = new TempDirectory();
        var file = temp.Sub("card.md");

        var (code, stdout, stderr) = await CliProcess.RunAsync(fixture.ProjectDir, "models", "card", "churn", Version);
        var (outCode, _, outError) = await CliProcess.RunAsync(fixture.ProjectDir, "models", "card", "churn", Version, "--out", file);

        Assert.True(code == 0, stderr);
        Assert.True(outCode == 0, outError);
        foreach (var section in new[] { "# Model card: churn version " + Version, "## Model details", "## Considerations", "## Model parameters", "## Quantitative analysis", "### Threshold policy", "## Approval history" })
        {
            Assert.Contains(section, stdout);
        }

        Assert.Equal(stdout.ReplaceLineEndings("\n").TrimEnd(), File.ReadAllText(file).ReplaceLineEndings("\n").TrimEnd());
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
    }

    [Fact]
    public async Task Card_StoredAtRegistration_NextToTheModelArtifact()
    {
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(fixture.ProjectDir, ProjectAccess.ReadOnly, TimeProvider.System, CancellationToken.None);
        Assert.True(workspace is not null, error);
        var version = await workspace.Registry.GetAsync("churn", fixture.Summary.ModelVersion!.Value, CancellationToken.None);
        var folder = Path.GetDirectoryName(workspace.Artifacts.Describe(version!.ArtifactPath))!;

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, ModelCard.JsonFileName)));
        Assert.Equal(Version, json.RootElement.GetProperty("model_details").GetProperty("version").GetProperty("name").GetString());
        Assert.StartsWith("# Model card: churn version " + Version, File.ReadAllText(Path.Combine(folder, ModelCard.MarkdownFileName)));
        Assert.True(File.Exists(Path.Combine(folder, EvaluationEvidence.FileName)));
    }

    [Theory]
    [InlineData("nosuchmodel", "1", "Registered Model with name=nosuchmodel not found")]
    [InlineData("churn", "999", "Model Version (name=churn, version=999) not found")]
    [InlineData("churn", "two", "version 'two' is not a positive whole number")]
    [InlineData("churn", "-1", "version '-1' is not")]
    public async Task Card_BadInput_OneLineAndNonZeroExit(string name, string version, string expected)
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(fixture.ProjectDir, "models", "card", name, version);

        Assert.NotEqual(0, code);
        Assert.Equal(string.Empty, stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: " + expected, line);
    }

    [Fact]
    public async Task Card_OutWithUnknownExtension_RefusedWithoutWriting()
    {
        using var temp = new TempDirectory();

        var (code, _, stderr) = await CliProcess.RunAsync(fixture.ProjectDir, "models", "card", "churn", Version, "--out", temp.Sub("card.txt"));

        Assert.Equal(1, code);
        Assert.Contains("must end in .md or .json", stderr);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }
}
