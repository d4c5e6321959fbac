using System.Text.Json.Nodes;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Registry.Cards;

namespace ChurnOps.Cli.Tests.Reproduce;

/// <summary>
/// `churnops reproduce` on copies of the quickstart's project where one thing was changed: each difference is named
/// on its own line, and a score that differs with nothing else changed is blamed on the trainer.
/// </summary>
[Collection(QuickstartCollection.Name)]
public sealed class ReproduceDifferenceTests(QuickstartFixture fixture)
{
    [Fact]
    public async Task Reproduce_FeatureViewEditedAndRebuilt_NamesFeatureViewChanged()
    {
        using var copy = new ProjectCopy(fixture.ProjectDir);
        // A comment is part of the view's definition: a new version with the same rows.
        var sql = Path.Combine(copy.Path, "features", "customer_features.sql");
        File.WriteAllText(sql, "-- reviewed\n" + File.ReadAllText(sql));
        // --force: apply refuses by default to change a view the champion serves from.
        foreach (var step in new[] { new[] { "features", "apply", "--force" }, ["features", "build"] })
        {
            var (stepCode, stepOut, stepError) = await CliProcess.RunAsync(copy.Path, step);
            Assert.True(stepCode == 0, $"{string.Join(' ', step)}: {stepOut} {stepError}");
        }

        var (code, stdout, stderr) = await CliProcess.RunAsync(copy.Path, "reproduce", "models:/churn@champion");

        Assert.True(code == 4, $"exit {code}: {stdout} {stderr}");
        var lines = Differences(stdout);
        Assert.Contains(lines, l => l.StartsWith($"feature view changed: customer_features version {fixture.Rerun.FeatureViewVersion} recorded, ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("code changed", StringComparison.Ordinal) || l.StartsWith("trainer nondeterminism", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reproduce_RecordedCodeVersionDiffers_NamesCodeChangedOnly()
    {
        using var copy = new ProjectCopy(fixture.ProjectDir);
        await EditEvidenceAsync(copy.Path, evidence => evidence["recipe"]!["code_version"] = "0.9.0+0000000");

        var (code, stdout, stderr) = await CliProcess.RunAsync(copy.Path, "reproduce", "models:/churn@champion");

        Assert.True(code == 4, $"exit {code}: {stdout} {stderr}");
        var line = Assert.Single(Differences(stdout));
        Assert.StartsWith("code changed: code version 0.9.0+0000000 recorded, ", line);
    }

    [Fact]
    public async Task Reproduce_RecordedScoreDiffersWithEverythingElseEqual_BlamesTheTrainer()
    {
        using var copy = new ProjectCopy(fixture.ProjectDir);
        await EditEvidenceAsync(copy.Path, evidence =>
        {
            var scores = evidence["test"]!["scores"]!.AsArray();
            scores[7] = MathF.BitIncrement(scores[7]!.GetValue<float>());
        });

        var (code, stdout, stderr) = await CliProcess.RunAsync(copy.Path, "reproduce", "models:/churn@champion");

        Assert.True(code == 4, $"exit {code}: {stdout} {stderr}");
        var line = Assert.Single(Differences(stdout));
        Assert.StartsWith("trainer nondeterminism: 1 of 400 test scores differ (max abs diff ", line);
        Assert.EndsWith("with data, feature views, code, trainer and seed unchanged", line);
    }

    private static List<string> Differences(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("reproducing", StringComparison.Ordinal))
            .ToList();

    private static async Task EditEvidenceAsync(string project, Action<JsonNode> edit)
    {
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(project, ProjectAccess.ReadOnly, TimeProvider.System, CancellationToken.None);
        Assert.True(workspace is not null, error);
        var champion = await workspace.Registry.GetByAliasAsync("churn", "champion", CancellationToken.None);
        var file = Path.Combine(Path.GetDirectoryName(workspace.Artifacts.Describe(champion!.ArtifactPath))!, EvaluationEvidence.FileName);
        var evidence = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        edit(evidence);
        await File.WriteAllTextAsync(file, evidence.ToJsonString());
    }
}
