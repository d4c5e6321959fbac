using ChurnOps.Core.Alerts;
using ChurnOps.Core.Deployments;
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
/// The operations side of a quickstart project, for the dashboard's tests: over the quickstart's v1 (approved, serving),
/// a version trained by <see cref="Trainer"/> and pending approval, another trained by them, approved by
/// <see cref="Approver"/> for the accountable team and under a canary that passed its first step (10%, judged on given
/// arm figures) and now sends it 25%, one run of a small shell pipeline
/// (<see cref="Pipeline"/>), and two open alerts for two teams.
/// </summary>
public static class OperationsDemo
{
    public const string Trainer = "tester";
    public const string Approver = "alice";
    public const string Pipeline = "hello";

    /// <summary>Where the extra versions are trained: apart from the quickstart's runs, whose count other tests rely on.</summary>
    public const string Experiment = "operations-demo";

    public static DateTimeOffset AsOf { get; } = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Runs the quickstart into <paramref name="root"/> with the scheduler off in serve, then <see cref="AddAsync"/>.</summary>
    public static async Task<(ChurnOpsWorkspace Workspace, OperationsData Data)> CreateAsync(string root, int rows = 2000)
    {
        var (summary, error) = await new QuickstartRunner(TimeProvider.System).RunAsync(new QuickstartOptions(root, rows, 42, AsOf, Trainer), null, CancellationToken.None);
        if (summary is null)
        {
            throw new InvalidOperationException("quickstart failed: " + error);
        }

        // Nothing moves on its own while the tests look (no scheduled or event-triggered pipeline run).
        await File.AppendAllTextAsync(Path.Combine(root, "churnops.yaml"), "pipelines:\n  run_in_serve: false\n");
        var (workspace, openError) = await ChurnOpsWorkspace.OpenAsync(root, TimeProvider.System, CancellationToken.None);
        if (workspace is null)
        {
            throw new InvalidOperationException("open failed: " + openError);
        }

        return (workspace, await AddAsync(workspace));
    }

    /// <summary>Adds the versions, the canary, the pipeline run and the alerts to an open quickstart project.</summary>
    public static async Task<OperationsData> AddAsync(ChurnOpsWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var config = workspace.Config;
        var versions = new List<int>();
        foreach (var seed in new[] { 7, 8 })
        {
            var trained = await workspace.Services.GetRequiredService<TrainingUseCase>().TrainAsync(
                new ModelTrainingJob(null, config.Model.Name, config.Model.Label, Experiment, seed, Trainer) { Trainers = ["logreg"], SearchTrials = 1, CrossValidationFolds = 2 },
                null,
                CancellationToken.None);
            versions.Add(trained.Registered?.Version ?? throw new InvalidOperationException("training registered nothing: " + trained.Error));
        }

        var (pending, canary) = (versions[0], versions[1]);
        var lifecycle = workspace.Services.GetRequiredService<ModelLifecycle>();
        var approved = await lifecycle.ApproveAsync(config.Model.Name, canary, new RegistryActor(Approver, lifecycle.Policy.AccountableTeam), "canary candidate", CancellationToken.None);
        var deployed = approved.IsSuccess
            ? await workspace.Services.GetRequiredService<DeploymentService>().StartAsync(new DeployRequest(config.Model.Name, canary, 10, null, null, false, null, Approver), CancellationToken.None)
            : null;
        var started = deployed?.Deployment ?? throw new InvalidOperationException($"canary of v{canary}: " + (approved.Error?.Message ?? deployed?.Error));
        var deployment = started.Id;

        // No traffic flows in a test, so the first step's arm figures are given here; the project's own analysis judges
        // them (PSI and JS from the histograms, error rate, p99) and the deployment takes the step as the judge would.
        var stable = new ArmFigures(DeploymentArms.Stable, 1, 1000, 0, 11.8, [310, 260, 190, 120, 60, 30, 15, 10, 4, 1]);
        var candidate = new ArmFigures(DeploymentArms.Candidate, canary, 240, 1, 13.4, [72, 63, 46, 29, 15, 7, 4, 2, 1, 1]);
        var verdict = CanaryAnalysis.Judge(stable, candidate, config.Deployments.Analysis.Thresholds(config.Gates), null);
        if (!verdict.Passed || await workspace.Services.GetRequiredService<DeploymentService>().AdvanceAsync(started, "passed", [stable, candidate], verdict.Checks, verdict.Summary, CancellationToken.None) is null)
        {
            throw new InvalidOperationException("the canary's first step did not pass: " + verdict.Summary);
        }

        await File.WriteAllTextAsync(Path.Combine(workspace.Layout.PipelinesDir, Pipeline + ".yaml"), """
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
        var catalog = await workspace.Services.GetRequiredService<PipelineCatalog>().LoadAsync(CancellationToken.None);
        var hello = catalog.Find(Pipeline) ?? throw new InvalidOperationException("pipeline hello: " + string.Join("; ", catalog.Issues));
        var dispatcher = workspace.Services.GetRequiredService<PipelineDispatcher>();
        var (queued, queueError) = await dispatcher.QueueManualAsync(hello, new Dictionary<string, string>(), CancellationToken.None);
        if (queued is null || await dispatcher.ExecuteAsync(hello, queued, CancellationToken.None) is not { State: PipelineRunState.Succeeded })
        {
            throw new InvalidOperationException("pipeline hello did not succeed: " + queueError);
        }

        var alerts = workspace.Services.GetRequiredService<IAlertLifecycle>();
        var drift = await alerts.RaiseOnceAsync(new Alert(0, Alert.DriftDetected, $"{config.Model.Name}/v1", "column drift", "2/13 columns", "any column", "mlops-team",
            $"{config.Model.Name} v1: 2 of 13 input columns drifted from the training set in the last 1d (region, <script>age</script>)", DateTimeOffset.UtcNow)
        { Cause = "drift:dashboard-test", Severity = AlertSeverity.Warning, Runbook = "runbooks/drift.md" }, CancellationToken.None);
        var sla = await alerts.RaiseOnceAsync(new Alert(0, Alert.DataSlaViolation, "customers", "freshness", "26h", "24h", "data-engineering",
            "customers: the newest row is 26h old (freshness SLA 24h)", DateTimeOffset.UtcNow)
        { Cause = "sla:dashboard-test", Severity = AlertSeverity.Critical }, CancellationToken.None);
        return new OperationsData(pending, canary, deployment, queued.Id, drift.Alert.Id, sla.Alert.Id);
    }
}
