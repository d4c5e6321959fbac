using System.Diagnostics;
using System.Text.Json;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Cli.Tests.Train;

/// <summary>Runs the real `churnops` binary in a child process, so exit codes, stdout and stderr are exactly what a user sees.</summary>
public sealed class TrainCommandTests : IAsyncLifetime
{
    private readonly TemplateProjectDirectory _project = new();

    public async Task InitializeAsync()
    {
        await _project.WriteAsync();
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(_project.Root, TimeProvider.System, CancellationToken.None);
        await WarehouseTables.LoadAsync(workspace?.Warehouse ?? throw new InvalidOperationException(error), "staging", "bank", ChurnShapedTables.BankChurnShaped(1500, seed: 5), _project.Root);
    }

    public Task DisposeAsync()
    {
        _project.Delete();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Train_BankTableWithJson_ExitsZeroAndPrintsOneDocument()
    {
        var (exit, stdout, stderr) = await RunAsync("train", "--table", "staging.bank", "--label", "Exited", "--id", "RowNumber,CustomerId",
            "--trainers", "lightgbm,logreg", "--search-trials", "1", "--cv-folds", "2", "--json", "-C", _project.Root);

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.True(json.RootElement.GetProperty("succeeded").GetBoolean());
        Assert.Equal(["lightgbm", "logreg", "blend"], json.RootElement.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("trainer").GetString()));
        var model = json.RootElement.GetProperty("model_artifact").GetString()!;
        Assert.True(File.Exists(Path.Combine(_project.Root, ".churnops", "artifacts", model)), model);
    }

    [Fact]
    public async Task Train_GatesNobodyPasses_ExitsTwoWithOneErrorLine()
    {
        var config = Path.Combine(_project.Root, "churnops.yaml");
        await File.WriteAllTextAsync(config, (await File.ReadAllTextAsync(config)).Replace("min_auc: 0.70", "min_auc: 0.999", StringComparison.Ordinal));

        var (exit, stdout, stderr) = await RunAsync("train", "--table", "staging.bank", "--label", "Exited", "--id", "RowNumber,CustomerId",
            "--trainers", "logreg", "--search-trials", "1", "--cv-folds", "2", "-C", _project.Root);

        Assert.Equal(2, exit);
        Assert.Contains("logreg", stdout, StringComparison.Ordinal);
        Assert.StartsWith("error: no candidate passed the evaluation gates (logreg: auc ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Train_UnknownTableAndTrainer_ExitsOneWithPreciseError()
    {
        var (missingExit, _, missingErr) = await RunAsync("train", "--table", "staging.nope", "--label", "Exited", "-C", _project.Root);
        var (trainerExit, _, trainerErr) = await RunAsync("train", "--table", "staging.bank", "--label", "Exited", "--trainers", "xgboost", "-C", _project.Root);

        Assert.Equal(1, missingExit);
        Assert.Equal("error: table staging.nope does not exist in the warehouse", missingErr.Trim());
        Assert.Equal(1, trainerExit);
        Assert.Equal("error: unknown trainers: xgboost (known: lightgbm, fasttree, fastforest, logreg, sdca)", trainerErr.Trim());
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "churnops.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(cli);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["CI"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
