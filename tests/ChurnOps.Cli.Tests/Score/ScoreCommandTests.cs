using System.Globalization;
using ChurnOps.Core.Data;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Serving;
using ChurnOps.Training.Scoring;

namespace ChurnOps.Cli.Tests.Score;

/// <summary>`churnops score` as a real process on the quickstart project: a point-in-time training set in, scores out.</summary>
[Collection(QuickstartCollection.Name)]
public sealed class ScoreCommandTests(QuickstartFixture fixture)
{
    [Fact]
    public async Task Score_TrainingSetCsv_EveryRowEqualsTheServedModelsScore()
    {
        using var temp = new TempDirectory();
        var input = Path.Combine(temp.Path, "rows.csv");
        var output = Path.Combine(temp.Path, "out", "scores.csv");
        var set = await CliProcess.RunAsync(temp.Path, "features", "training-set", "--entities", Path.Combine(fixture.ProjectDir, "data", "labels.csv"), "--views", "customer_features", "--out", input, "-C", fixture.ProjectDir);
        Assert.True(set.ExitCode == 0, set.Stderr);

        var (code, stdout, stderr) = await CliProcess.RunAsync(temp.Path, "score", "--model", "churn", "--input", input, "--output", output, "-C", fixture.ProjectDir);

        Assert.True(code == 0, stderr);
        Assert.Contains("Scored 2,000 rows with churn v", stdout, StringComparison.Ordinal);
        var scored = await File.ReadAllLinesAsync(output);
        Assert.Equal("customer_id,probability,label,model_version", scored[0]);
        Assert.Equal(2001, scored.Length);
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(fixture.ProjectDir, TimeProvider.System, CancellationToken.None);
        Assert.Null(error);
        var champion = await workspace!.Registry.GetByAliasAsync("churn", "champion", CancellationToken.None);
        var (package, _) = await ModelPackageLoader.LoadAsync(workspace.Artifacts, champion!, CancellationToken.None);
        using var engine = new Training.Scoring.ScoringEngine(package!, 1);
        var rows = await File.ReadAllLinesAsync(input);
        var header = rows[0].Split(',');
        for (var r = 1; r < rows.Length; r++)
        {
            var cells = rows[r].Split(',');
            var request = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (var column in engine.Signature.Inputs)
            {
                var cell = cells[Array.FindIndex(header, h => string.Equals(h, column.Name, StringComparison.OrdinalIgnoreCase))];
                request[column.Name] = cell.Length == 0 ? null : column.DataKind is ColumnKind.Text or ColumnKind.Timestamp ? cell : double.Parse(cell, CultureInfo.InvariantCulture);
            }

            var expected = engine.Score(request);
            var line = scored[r].Split(',');
            Assert.Equal(cells[0], line[0]);
            Assert.Equal(expected.Probability, float.Parse(line[1], CultureInfo.InvariantCulture));
            Assert.Equal(champion!.Version.ToString(CultureInfo.InvariantCulture), line[3]);
        }
    }

    [Fact]
    public async Task Score_WhileServeHoldsTheWarehouse_ScoresWithoutLogButLogIsRefusedExit75()
    {
        using var temp = new TempDirectory();
        var input = Path.Combine(temp.Path, "rows.csv");
        var set = await CliProcess.RunAsync(temp.Path, "features", "training-set", "--entities", Path.Combine(fixture.ProjectDir, "data", "labels.csv"), "--views", "customer_features", "--out", input, "-C", fixture.ProjectDir);
        Assert.True(set.ExitCode == 0, set.Stderr);
        var serve = await CliProcess.StartAsync(fixture.ProjectDir, "ChurnOps serving", "serve", "-C", fixture.ProjectDir, "--port", "0");
        try
        {
            // Without --log nothing is written to the project, so the warehouse's writer does not stand in the way.
            var scored = await CliProcess.RunAsync(temp.Path, "score", "-m", "churn", "-i", input, "-o", Path.Combine(temp.Path, "scores.csv"), "-C", fixture.ProjectDir);
            var logged = await CliProcess.RunAsync(temp.Path, "score", "-m", "churn", "-i", input, "-o", Path.Combine(temp.Path, "logged.csv"), "--log", "-C", fixture.ProjectDir);

            Assert.True(scored.ExitCode == 0, scored.Stderr);
            Assert.Equal(2001, (await File.ReadAllLinesAsync(Path.Combine(temp.Path, "scores.csv"))).Length);
            Assert.Equal(75, logged.ExitCode);
            Assert.Contains("in use by 'churnops serve'", Assert.Single(logged.Stderr.TrimEnd().Split('\n')), StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(temp.Path, "logged.csv")));
        }
        finally
        {
            using (serve)
            {
                // SIGTERM: the host shuts down and lets go of the warehouse.
                System.Diagnostics.Process.Start("kill", ["-TERM", serve.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await serve.WaitForExitAsync(timeout.Token);
            }
        }
    }

    [Fact]
    public async Task Score_BadInputs_OneLineErrorAndNoOutput()
    {
        using var temp = new TempDirectory();
        var input = Path.Combine(temp.Path, "thin.csv");
        await File.WriteAllTextAsync(input, "customer_id,age\nC1,30\n");
        var output = Path.Combine(temp.Path, "scores.csv");

        var missing = await CliProcess.RunAsync(temp.Path, "score", "-m", "churn", "-i", input, "-o", output, "-C", fixture.ProjectDir);
        var unknown = await CliProcess.RunAsync(temp.Path, "score", "-m", "nope@champion", "-i", input, "-o", output, "-C", fixture.ProjectDir);

        Assert.Equal(1, missing.ExitCode);
        Assert.StartsWith($"error: {input}: missing column(s) the model needs: ", missing.Stderr, StringComparison.Ordinal);
        Assert.Single(missing.Stderr.Trim().Split('\n'));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("error: model 'nope' is not registered", unknown.Stderr.Trim());
        Assert.False(File.Exists(output));
        Assert.Single(Directory.GetFiles(temp.Path));
    }
}
