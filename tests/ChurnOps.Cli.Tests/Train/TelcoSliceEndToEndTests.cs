using System.Text.Json;

namespace ChurnOps.Cli.Tests.Train;

/// <summary>
/// A slice of IBM's real Telco churn file the way a user brings their own data: `churnops init`, the file's ODCS contract,
/// `churnops ingest` of a train and a test file, `churnops train --table --test-table --label Churn --positive Yes --id
/// customerID`, then `churnops reproduce` of the registered version; every step a real child process.
/// </summary>
public sealed class TelcoSliceEndToEndTests : IDisposable
{
    private const int TrainLines = 300;
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task IngestTrainReproduce_TelcoSlice_BlankChargesLoadAndTheHeldOutTableIsTheTestSplit()
    {
        var data = Path.Combine(AppContext.BaseDirectory, "Train", "TestData");
        var lines = await File.ReadAllLinesAsync(Path.Combine(data, "telco-slice.csv"));
        var train = Path.Combine(_dir.Path, "train.csv");
        var test = Path.Combine(_dir.Path, "test.csv");
        await File.WriteAllLinesAsync(train, lines.Take(TrainLines + 1));
        await File.WriteAllLinesAsync(test, [lines[0], .. lines.Skip(TrainLines + 1)]);
        var project = Path.Combine(_dir.Path, "telco");
        var contract = Path.Combine(data, "telco.yaml");

        var init = await CliProcess.RunAsync(_dir.Path, "init", project);
        var ingestTrain = await CliProcess.RunAsync(_dir.Path, "ingest", "telco_train", train, "--contract", contract, "-C", project);
        var ingestTest = await CliProcess.RunAsync(_dir.Path, "ingest", "telco_test", test, "--contract", contract, "-C", project);
        var trained = await CliProcess.RunAsync(_dir.Path, "train", "--table", "staging.telco_train", "--test-table", "staging.telco_test",
            "--label", "Churn", "--positive", "Yes", "--id", "customerID", "--trainers", "lightgbm,logreg", "--search-trials", "1", "--cv-folds", "2",
            "--seed", "3", "--json", "-C", project);

        Assert.True(init.ExitCode == 0, init.Stderr);
        Assert.True(ingestTrain.ExitCode == 0, ingestTrain.Stderr);
        Assert.Contains($"{TrainLines:N0} accepted into staging.telco_train, 0 quarantined", ingestTrain.Stdout, StringComparison.Ordinal);
        Assert.True(ingestTest.ExitCode == 0, ingestTest.Stderr);
        Assert.Contains($"{lines.Length - 1 - TrainLines} accepted into staging.telco_test, 0 quarantined", ingestTest.Stdout, StringComparison.Ordinal);
        Assert.True(trained.ExitCode == 0, trained.Stderr);
        using var json = JsonDocument.Parse(trained.Stdout);
        var root = json.RootElement;
        Assert.True(root.GetProperty("succeeded").GetBoolean());
        Assert.Equal(lines.Length - 1 - TrainLines, root.GetProperty("data").GetProperty("testRows").GetInt32());
        Assert.Equal(lines.Length - 1, root.GetProperty("data").GetProperty("rows").GetInt32());
        Assert.Equal(lines.Skip(1).Count(l => l.EndsWith(",Yes", StringComparison.Ordinal)), root.GetProperty("data").GetProperty("positives").GetInt32());
        var used = root.GetProperty("data").GetProperty("columnsUsed").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains("TotalCharges", used);
        Assert.DoesNotContain("customerID", used);
        Assert.Equal(["lightgbm", "logreg", "blend"], root.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("trainer").GetString()));
        var version = root.GetProperty("registered_version").GetInt32();

        var reproduced = await CliProcess.RunAsync(_dir.Path, "reproduce", $"models:/churn/{version}", "--json", "-C", project);

        Assert.True(reproduced.ExitCode == 0, reproduced.Stdout + reproduced.Stderr);
        using var again = JsonDocument.Parse(reproduced.Stdout[reproduced.Stdout.IndexOf('{', StringComparison.Ordinal)..]);
        Assert.True(again.RootElement.GetProperty("reproduced").GetBoolean());
        Assert.Equal(0, again.RootElement.GetProperty("differingScores").GetInt32());
        Assert.Equal(lines.Length - 1 - TrainLines, again.RootElement.GetProperty("testRows").GetInt32());
    }
}
