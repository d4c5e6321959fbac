using ChurnOps.Core.Alerts;
using ChurnOps.Core.Pipelines;
using ChurnOps.Platform.Deployments;
using ChurnOps.Platform.Pipelines;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Quickstart;
using ChurnOps.Platform.Registry;
using ChurnOps.Platform.Training;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Testing;

/// <summary>
/// The quickstart project with the operations side filled in, for the dashboard's tests: v1 approved and serving (the
/// quickstart's), v2 trained by "tester" and pending approval, v3 trained by "tester", approved by "alice" for the
/// accountable team and under a 10% canary (its id is returned), one run of a small shell pipeline
/// ("hello"), and two open alerts for two teams. The scheduler is off in serve (pipelines.run_in_serve: false).
/// </summary>
public static class OperationsDemo
{
    public const string Trainer = "tester";
    public const string Pipeline = "hello";
    public const int PendingVersion = 2;
    public const int CanaryVersion = 3;
    public const string Approver = "alice";

    public static DateTimeOffset AsOf { get; } = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Runs the quickstart into <paramref name="root"/> and adds the operations data; returns the open workspace and the canary's id.</summary>
    public static async Task<(ChurnOpsWorkspace Workspace, long Deployment)> CreateAsync(string root, int rows = 2000)
    {
        var (summary, error) = await new QuickstartRunner(TimeProvider.System).RunAsync(new QuickstartOptions(root, rows, 42, AsOf, Trainer), null, CancellationToken.None);
        if (summary is null)
        {
            throw new InvalidOperationException("quickstart failed: " + error);
        }

        await File.AppendAllTextAsync(Path.Combine(root, "churnops.yaml"), "pipelines:\n  run_in_serve: false\n");
        await File.WriteAllTextAsync(Path.Combine(root, "pipelines", Pipeline + ".yaml"), """
            name: hello
            owner: mlops-team
            steps:
              - name: greet
                shell: echo "hello from run ${run.id}"
              - name: count
                shell: echo "counted"
                needs: [greet]
              - name: report
                shell: echo "report <b>not bold</b>"
                needs: [greet, count]
            """);
        var (workspace, openError) = await ChurnOpsWorkspace.OpenAsync(root, TimeProvider.System, CancellationToken.None);
        if (workspace is null)
        {
            throw new InvalidOperationException("open failed: " + openError);
        }

        var config = workspace.Config;
        foreach (var seed in new[] { 7, 8 })
        {
            var trained = await workspace.Services.GetRequiredService<TrainingUseCase>().TrainAsync(
                new ModelTrainingJob(null, config.Model.Name, config.Model.Label, "quickstart", seed, Trainer) { Trainers = ["logreg"], SearchTrials = 1, CrossValidationFolds = 2 },
                null,
                CancellationToken.None);
            if (trained.Registered is null)
            {
                throw new InvalidOperationException("training registered nothing: " + trained.Error);
            }
        }

        var lifecycle = workspace.Services.GetRequiredService<ModelLifecycle>();
        var approved = await lifecycle.ApproveAsync(config.Model.Name, CanaryVersion, new RegistryActor(Approver, lifecycle.Policy.AccountableTeam), "canary candidate", CancellationToken.None);
        var deployed = approved.IsSuccess
            ? await workspace.Services.GetRequiredService<DeploymentService>().StartAsync(new DeployRequest(config.Model.Name, CanaryVersion, 10, null, null, false, null, Approver), CancellationToken.None)
            : null;
        var deployment = deployed?.Deployment?.Id ?? throw new InvalidOperationException("canary of v3: " + (approved.Error?.Message ?? deployed?.Error));

        var catalog = await workspace.Services.GetRequiredService<PipelineCatalog>().LoadAsync(CancellationToken.None);
        var hello = catalog.Find(Pipeline) ?? throw new InvalidOperationException("pipeline hello: " + string.Join("; ", catalog.Issues));
        var dispatcher = workspace.Services.GetRequiredService<PipelineDispatcher>();
        var (queued, queueError) = await dispatcher.QueueManualAsync(hello, new Dictionary<string, string>(), CancellationToken.None);
        if (queued is null || await dispatcher.ExecuteAsync(hello, queued, CancellationToken.None) is not { State: PipelineRunState.Succeeded })
        {
            throw new InvalidOperationException("pipeline hello did not succeed: " + queueError);
        }

        var alerts = workspace.Services.GetRequiredService<IAlertLifecycle>();
        await alerts.RaiseOnceAsync(new Alert(0, Alert.DriftDetected, "churn/v1", "column drift", "2/13 columns", "any column", "mlops-team",
            "churn v1: 2 of 13 input columns drifted from the training set in the last 1d (region, <script>age</script>)", DateTimeOffset.UtcNow)
        { Cause = "drift:churn:v1:test", Severity = AlertSeverity.Warning }, CancellationToken.None);
        await alerts.RaiseOnceAsync(new Alert(0, Alert.DataSlaViolation, "customers", "freshness", "26h", "24h", "data-engineering",
            "customers: the newest row is 26h old (freshness SLA 24h)", DateTimeOffset.UtcNow)
        { Cause = "sla:customers:freshness:test", Severity = AlertSeverity.Critical }, CancellationToken.None);
        return (workspace, deployment);
    }
}
