using System.Globalization;
using ChurnOps.Core.Alerts;
using ChurnOps.Core.Deployments;
using ChurnOps.Platform.Alerts;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Platform.Deployments;

/// <summary>
/// Takes one look at an active deployment's current step: once the step's interval has passed and the candidate has
/// enough requests, the arms' figures are judged; a pass moves to the next step (the last moves the alias), a failure
/// rolls back and raises <c>DeploymentRolledBack</c> to the owning team with the failed checks and the figures.
/// </summary>
public sealed class CanaryJudge(DeploymentService deployments, IAlertStore alerts, ProjectConfig config, TimeProvider time, IAlertSink logSink, HttpClient? http = null, CanaryLabels? labels = null)
{
    public async Task<CanaryStepResult> LookAsync(Deployment deployment, ArmFigures stable, ArmFigures candidate, LabelledFigures? labelled, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var thresholds = config.Deployments.Analysis.Thresholds(config.Gates);
        if (deployment.Status != DeploymentStatus.Active
            || time.GetUtcNow() - deployment.StepStartedAt < deployment.Interval
            || !CanaryAnalysis.HasEnoughSamples(candidate, thresholds))
        {
            return new CanaryStepResult(CanaryStepResult.Waiting, deployment, null, null);
        }

        // Read only when the step is due: the join runs over the warehouse, not on every tick.
        if (labelled is null && labels is not null)
        {
            labelled = await labels.ReadAsync(deployment, ct).ConfigureAwait(false);
        }

        var verdict = CanaryAnalysis.Judge(stable, candidate, thresholds, labelled);
        IReadOnlyList<ArmFigures> figures = [stable, candidate];
        if (verdict.Passed)
        {
            var advanced = await deployments.AdvanceAsync(deployment, "passed", figures, verdict.Checks, verdict.Summary, ct).ConfigureAwait(false);
            return advanced is null
                ? new CanaryStepResult(CanaryStepResult.Superseded, deployment, verdict, null)
                : new CanaryStepResult(CanaryStepResult.Advanced, advanced, verdict, null);
        }

        var rolledBack = await deployments.RollBackAsync(deployment, figures, verdict.Checks, "analysis failed: " + verdict.Summary, ct).ConfigureAwait(false);
        if (rolledBack is null)
        {
            return new CanaryStepResult(CanaryStepResult.Superseded, deployment, verdict, null);
        }

        var alert = await RaiseAsync(rolledBack, verdict, stable, candidate, ct).ConfigureAwait(false);
        return new CanaryStepResult(CanaryStepResult.RolledBack, rolledBack, verdict, alert);
    }

    private async Task<Alert> RaiseAsync(Deployment deployment, AnalysisVerdict verdict, ArmFigures stable, ArmFigures candidate, CancellationToken ct)
    {
        var failed = verdict.Failures.ToList();
        var team = DeploymentAlerts.OwningTeam(config);
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"stable v{stable.Version}: {stable.Requests} requests, {stable.Errors} errors, p99 {stable.P99Milliseconds?.ToString("0.###", CultureInfo.InvariantCulture) ?? "-"} ms; " +
            $"candidate v{candidate.Version}: {candidate.Requests} requests, {candidate.Errors} errors, p99 {candidate.P99Milliseconds?.ToString("0.###", CultureInfo.InvariantCulture) ?? "-"} ms");
        var alert = new Alert(
            0,
            DeploymentAlerts.RolledBack,
            $"{deployment.ModelName} deployment {deployment.Id} (v{deployment.StableVersion} -> v{deployment.CandidateVersion})",
            string.Join(", ", failed.Select(c => c.Name)),
            string.Join(", ", failed.Select(c => $"{c.Name}={c.Measured}")),
            string.Join(", ", failed.Select(c => $"{c.Name} {c.Threshold}")),
            team,
            $"deployment {deployment.Id} of {deployment.ModelName} rolled back at step {deployment.StepIndex + 1} ({deployment.Steps[deployment.StepIndex]}%): {verdict.Summary}; {evidence}; {deployment.ModelName}@{deployment.Alias} stays on version {deployment.StableVersion}",
            time.GetUtcNow());
        var (stored, _) = await new AlertDispatcher(alerts, SinksFor(team)).RaiseAsync(alert, ct).ConfigureAwait(false);
        return stored;
    }

    private List<IAlertSink> SinksFor(string team)
    {
        var sinks = new List<IAlertSink> { logSink };
        foreach (var settings in config.Teams.Where(t => t.Name == team && !string.IsNullOrWhiteSpace(t.Webhook)))
        {
            if (http is not null && Uri.TryCreate(settings.Webhook, UriKind.Absolute, out var url))
            {
                sinks.Add(new WebhookAlertSink(http, url, time));
            }
        }

        return sinks;
    }
}
