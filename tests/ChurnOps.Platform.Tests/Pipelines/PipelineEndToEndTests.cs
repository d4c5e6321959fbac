using ChurnOps.Core.Pipelines;
using ChurnOps.Platform.Generation;
using ChurnOps.Platform.Ingestion;
using ChurnOps.Platform.Pipelines;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Platform.Tests.Pipelines;

/// <summary>
/// The reference project's pipelines over the real stores (SQLite, DuckDB, artifacts): new customer data is ingested,
/// the event it emits starts the training pipeline once, and its model passes the gates and is registered.
/// </summary>
public sealed class PipelineEndToEndTests
{
    [Fact]
    public async Task IngestingCustomers_StartsTheTrainingPipeline_WhoseModelPassesTheGates()
    {
        await using var project = await TestProject.CreateAsync();
        var services = project.Workspace.Services;
        // One trainer keeps the test short; the gates are the template's own.
        project.Workspace.Config.Model.Trainers = ["logreg"];
        var catalog = await services.GetRequiredService<PipelineCatalog>().LoadAsync(CancellationToken.None);
        Assert.False(catalog.HasErrors, string.Join("\n", catalog.Issues));
        Assert.Equal(["batch_scoring", "customer_data", "training"], catalog.Pipelines.Select(p => p.Name).Order(StringComparer.Ordinal));
        var dispatcher = services.GetRequiredService<PipelineDispatcher>();
        await dispatcher.PollEventsAsync(catalog.Pipelines, CancellationToken.None);

        var data = await SyntheticChurnData.WriteAsync(new SyntheticDataOptions(3000, 7, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)), Path.Combine(project.Root, "data"), CancellationToken.None);
        var ingestion = services.GetRequiredService<IngestionService>();
        foreach (var (table, file) in new[] { ("events", data.EventsFile), ("labels", data.LabelsFile), ("customers", data.CustomersFile) })
        {
            var loaded = await ingestion.IngestAsync(new IngestRequest(table, [file], null), CancellationToken.None);
            Assert.True(loaded.Succeeded, loaded.Error);
        }

        var queued = await dispatcher.PollEventsAsync(catalog.Pipelines, CancellationToken.None);
        var finished = await dispatcher.RunQueuedAsync(catalog.Pipelines, CancellationToken.None);
        var requeued = await dispatcher.PollEventsAsync(catalog.Pipelines, CancellationToken.None);

        Assert.Equal(1, queued);
        Assert.Equal(0, requeued);
        var run = Assert.Single(finished);
        Assert.Equal("training", run.Pipeline);
        Assert.Equal("event:data.customers.updated", run.Trigger);
        Assert.True(run.State == PipelineRunState.Succeeded, run.Error);
        var attempts = await services.GetRequiredService<IPipelineRunStore>().ListAttemptsAsync(run.Id, CancellationToken.None);
        var train = attempts.Single(a => a.Step == "train" && a.State == StepState.Succeeded);
        Assert.Equal("true", train.Outputs["gates_passed"]);
        Assert.Equal("logreg", train.Outputs["trainer"]);
        var version = await project.Workspace.Registry.GetAsync("churn", int.Parse(train.Outputs["model_version"], System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
        Assert.NotNull(version);
        Assert.Equal(train.Outputs["run_id"], version.RunId);
        Assert.Contains("rows written", attempts.Single(a => a.Step == "features").Log, StringComparison.Ordinal);
        // The registry's hand-off: a retrained model waits for sign-off, and a pipeline's deploy step cannot ship it.
        Assert.Equal(Core.Registry.ModelVersionStatus.PendingApproval, version.Status);
        var deploy = await RunActionAsync(services, run, "deploy", project.Root, ("version", train.Outputs["model_version"]));
        Assert.False(deploy.Succeeded);
        Assert.Contains("only an approved version can be deployed", deploy.Error, StringComparison.Ordinal);
        var monitor = await RunActionAsync(services, run, "monitor", project.Root, ("window", "1d"));
        Assert.False(monitor.Succeeded);
        Assert.StartsWith("monitor: ", monitor.Error, StringComparison.Ordinal);
        var badVersion = await RunActionAsync(services, run, "deploy", project.Root, ("version", "latest"));
        Assert.Equal("deploy: version 'latest' is not a model version (a positive whole number)", badVersion.Error);
    }

    private static Task<StepOutcome> RunActionAsync(IServiceProvider services, PipelineRun run, string action, string root, params (string Name, string Value)[] args)
    {
        var arguments = args.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal);
        var step = new PipelineStep(action, action, arguments, null, [], RetryPolicy.None, null, TriggerRule.AllSuccess, 1);
        var handler = services.GetServices<IPipelineStepAction>().Single(a => a.Name == action);
        return handler.RunAsync(new StepContext(run, step, 1, arguments, _ => { }, root), CancellationToken.None);
    }
}
