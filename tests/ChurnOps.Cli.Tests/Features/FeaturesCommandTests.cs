using ChurnOps.Platform.Projects;

namespace ChurnOps.Cli.Tests.Features;

/// <summary>`churnops features ...` end to end on a real project directory; console output is captured, so one at a time.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class FeaturesCommandTests : IAsyncLifetime
{
    private readonly TemplateProjectDirectory _project = new();

    public async Task InitializeAsync()
    {
        await _project.WriteAsync();
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(_project.Root, TimeProvider.System, CancellationToken.None);
        Assert.Null(error);
        await workspace!.Warehouse.ExecuteAsync("""
            CREATE TABLE staging.customers (customer_id VARCHAR, signup_date DATE, plan VARCHAR, contract_type VARCHAR, payment_method VARCHAR,
                region VARCHAR, age INTEGER, monthly_charges DOUBLE, support_tickets INTEGER, updated_at TIMESTAMP);
            CREATE TABLE staging.events (event_id VARCHAR, customer_id VARCHAR, event_type VARCHAR, event_ts TIMESTAMP);
            INSERT INTO staging.customers VALUES ('C1', DATE '2024-01-01', 'basic', 'monthly', 'card', 'north', 30, 20.0, 1, TIMESTAMP '2024-01-01');
            INSERT INTO staging.events VALUES ('e1', 'C1', 'login', TIMESTAMP '2024-03-01 10:00:00'), ('e2', 'C1', 'login', TIMESTAMP '2024-03-05 10:00:00');
            """, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(_project.Root, "labels.csv"), "customer_id,event_timestamp,churned\nC1,2024-03-06 00:00:00,0\nC2,2024-03-06 00:00:00,1\n");
        await File.WriteAllTextAsync(Path.Combine(_project.Root, "no_time.csv"), "customer_id,churned\nC1,0\n");
    }

    public Task DisposeAsync()
    {
        _project.Delete();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Features_ApplyBuildTrainingSetMaterializeShow_EachSucceeds()
    {
        var apply = await InProcessCli.RunAsync("features", "apply", "-C", _project.Root);
        var build = await InProcessCli.RunAsync("features", "build", "-C", _project.Root);
        var set = await InProcessCli.RunAsync("features", "training-set", "--entities", Path.Combine(_project.Root, "labels.csv"), "--views", "customer_features", "--out", Path.Combine(_project.Root, "out", "train.parquet"), "-C", _project.Root);
        var csv = await InProcessCli.RunAsync("features", "training-set", "--entities", Path.Combine(_project.Root, "labels.csv"), "--views", "customer_features", "--out", Path.Combine(_project.Root, "train.csv"), "-C", _project.Root);
        var materialize = await InProcessCli.RunAsync("features", "materialize", "-C", _project.Root);
        var show = await InProcessCli.RunAsync("features", "show", "customer_features", "-C", _project.Root);

        Assert.True(apply.Code == 0, apply.Error);
        Assert.Contains("customer_features\tcreated\t", apply.Out, StringComparison.Ordinal);
        Assert.True(build.Code == 0, build.Error);
        Assert.True(set.Code == 0, set.Error);
        Assert.Contains("Wrote 2 rows to", set.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_project.Root, "out", "train.parquet")));
        Assert.True(csv.Code == 0, csv.Error);
        var lines = await File.ReadAllLinesAsync(Path.Combine(_project.Root, "train.csv"));
        Assert.StartsWith("customer_id,event_timestamp,churned,days_as_customer,", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        Assert.True(materialize.Code == 0, materialize.Error);
        Assert.Contains("customer_features\t", materialize.Out, StringComparison.Ordinal);
        Assert.True(show.Code == 0, show.Error);
        Assert.Contains("monthly_charges\t", show.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainingSet_EntityFileWithoutTimestamps_OneLineErrorAndNoOutput()
    {
        await InProcessCli.RunAsync("features", "apply", "-C", _project.Root);
        await InProcessCli.RunAsync("features", "build", "-C", _project.Root);
        var output = Path.Combine(_project.Root, "bad.parquet");

        var result = await InProcessCli.RunAsync("features", "training-set", "--entities", Path.Combine(_project.Root, "no_time.csv"), "--views", "customer_features", "--out", output, "-C", _project.Root);

        Assert.Equal(1, result.Code);
        Assert.Equal("error: entity rows have no 'event_timestamp' column (columns: customer_id, churned)", result.Error.Trim());
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("error: --from: 'yesterday-ish' is not a date or timestamp (e.g. 2024-03-01 or 2024-03-01T12:00:00Z)", "features", "build", "--from", "yesterday-ish")]
    [InlineData("error: feature view 'nope' is not registered (run 'churnops features apply')", "features", "build", "nope")]
    [InlineData("error: no feature views are registered (run 'churnops features apply')", "features", "materialize")]
    public async Task Features_BadInput_OneLineError(string expected, params string[] args)
    {
        if (args.Contains("nope"))
        {
            await InProcessCli.RunAsync("features", "apply", "-C", _project.Root);
        }

        var result = await InProcessCli.RunAsync([.. args, "-C", _project.Root]);

        Assert.Equal(1, result.Code);
        Assert.Equal(expected, result.Error.Trim());
    }
}
