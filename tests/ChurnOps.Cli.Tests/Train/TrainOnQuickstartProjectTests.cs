using System.Text.Json;
using ChurnOps.Core.Tracking;
using ChurnOps.Platform.Projects;
using ChurnOps.Training.Packaging;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Tests.Train;

/// <summary>`churnops train` as a real process on the project the quickstart made: the one training path a new user takes next.</summary>
[Collection(QuickstartCollection.Name)]
public sealed class TrainOnQuickstartProjectTests(QuickstartFixture fixture)
{
    private static readonly string[] Quick = ["--trainers", "logreg", "--search-trials", "1", "--cv-folds", "2"];

    private static readonly Dictionary<string, string> NoGates = new()
    {
        ["CHURNOPS__GATES__MIN_AUC"] = "0",
        ["CHURNOPS__GATES__MIN_PRECISION"] = "0",
        ["CHURNOPS__GATES__MIN_RECALL"] = "0",
    };

    [Fact]
    public async Task Train_NoOptions_TrainsOnLabelsJoinedToTheFeatureViewAndLogsRuns()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(fixture.ProjectDir, "train", "--json");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.True(root.GetProperty("succeeded").GetBoolean());
        Assert.Equal("churn", root.GetProperty("experiment").GetString());
        Assert.Equal(2000, root.GetProperty("data").GetProperty("rows").GetInt32());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("training_set_hash").GetString()));
        var excluded = root.GetProperty("excluded_columns").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("customer_id", excluded);
        Assert.Contains("event_timestamp", excluded);
        var runs = await OpenRunsAsync();
        var parent = (await runs.GetRunAsync(root.GetProperty("run_id").GetString()!, CancellationToken.None)).Value!;
        Assert.Equal("FINISHED", parent.Info.Status.ToString().ToUpperInvariant());
        Assert.Equal(root.GetProperty("experiment_id").GetString(), parent.Info.ExperimentId);
        Assert.Contains(parent.Data.Params, p => p.Key == "table" && p.Value == "staging.labels + customer_features");
    }

    [Fact]
    public async Task Train_Experiment_RunsLandInThatExperimentCreatedIfMissing()
    {
        var name = "retention team/" + Guid.NewGuid().ToString("N")[..8];

        var (code, stdout, stderr) = await CliProcess.RunAsync(fixture.ProjectDir, ["train", "--experiment", name, "--json", .. Quick]);

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(fixture.ProjectDir, TimeProvider.System, CancellationToken.None);
        var experiment = (await workspace!.Services.GetRequiredService<IExperimentStore>().GetExperimentByNameAsync(name, CancellationToken.None)).Value;
        Assert.True(experiment is not null, error);
        Assert.Equal(experiment.ExperimentId, json.RootElement.GetProperty("experiment_id").GetString());
        var parent = (await workspace.Services.GetRequiredService<IRunStore>().GetRunAsync(json.RootElement.GetProperty("run_id").GetString()!, CancellationToken.None)).Value!;
        Assert.Equal(experiment.ExperimentId, parent.Info.ExperimentId);
    }

    [Fact]
    public async Task Train_TableWithIngestionBookkeeping_NeverUsesThoseColumnsAsFeatures()
    {
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(fixture.ProjectDir, TimeProvider.System, CancellationToken.None);
        Assert.True(workspace is not null, error);
        await workspace.Warehouse.ExecuteAsync(
            "CREATE OR REPLACE TABLE staging.customers_labeled AS SELECT c.*, l.churned FROM staging.customers c " +
            "JOIN (SELECT customer_id, max(churned) AS churned FROM staging.labels GROUP BY customer_id) l USING (customer_id)",
            CancellationToken.None);
        var columns = (await workspace.Warehouse.QueryAsync("SELECT * FROM staging.customers_labeled LIMIT 0", CancellationToken.None)).Columns.Select(c => c.Name).ToList();
        Assert.Contains("_load_id", columns);
        Assert.Contains("_loaded_at", columns);

        var (code, stdout, stderr) = await CliProcess.RunWithEnvironmentAsync(fixture.ProjectDir, NoGates,
            ["train", "--table", "staging.customers_labeled", "--id", "customer_id", "--exclude", "signup_date,updated_at", "--experiment", "bookkeeping", "--json", .. Quick]);

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var used = json.RootElement.GetProperty("data").GetProperty("columnsUsed").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains("monthly_charges", used);
        Assert.DoesNotContain(used, c => c.StartsWith('_'));
        var model = json.RootElement.GetProperty("model_artifact").GetString()!;
        await using var stream = File.OpenRead(Path.Combine(fixture.ProjectDir, ".churnops", "artifacts", model));
        var package = await ModelPackage.LoadAsync(stream, CancellationToken.None);
        Assert.Contains(package.Signature.Inputs, i => i.Name == "monthly_charges");
        Assert.DoesNotContain(package.Signature.Inputs, i => i.Name.StartsWith('_'));
        var parent = (await workspace.Services.GetRequiredService<IRunStore>().GetRunAsync(json.RootElement.GetProperty("run_id").GetString()!, CancellationToken.None)).Value!;
        var excluded = parent.Data.Params.Single(p => p.Key == "excluded_columns").Value.Split(',');
        Assert.Contains("_load_id", excluded);
        Assert.Contains("_loaded_at", excluded);
    }

    [Theory]
    [InlineData("error: table staging.nope does not exist in the warehouse", "--table", "staging.nope")]
    [InlineData("error: label column 'churned' is not in staging.customers (columns: customer_id, ", "--table", "staging.customers")]
    [InlineData("error: experiment name has control characters", "--experiment", "bad\tname")]
    public async Task Train_BadInput_OneErrorLineAndExitOne(string expected, string option, string value)
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(fixture.ProjectDir, ["train", option, value, .. Quick]);

        Assert.Equal(1, code);
        Assert.StartsWith(expected, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.DoesNotContain("winner:", stdout, StringComparison.Ordinal);
    }

    private async Task<IRunStore> OpenRunsAsync()
    {
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(fixture.ProjectDir, TimeProvider.System, CancellationToken.None);
        return workspace?.Services.GetRequiredService<IRunStore>() ?? throw new InvalidOperationException(error);
    }
}
