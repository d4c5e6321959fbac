using ChurnOps.Core.Deployments;
using ChurnOps.Platform.Monitoring.Labels;
using ChurnOps.Platform.Monitoring.Live;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Platform.Deployments;

/// <summary>
/// The candidate's realised precision and recall for the canary's analysis: its predictions since the deployment
/// started, joined to the labels that have arrived for them (as monitoring joins them). Fewer than
/// <see cref="MinLabelled"/> labelled predictions, or an undefined metric, count as "no labels yet", never as a pass.
/// </summary>
public sealed class CanaryLabels(RealisedPerformanceReader reader, ProjectConfig config, TimeProvider time)
{
    /// <summary>The same floor monitoring uses before a realised figure counts.</summary>
    public const int MinLabelled = 30;

    public async Task<LabelledFigures?> ReadAsync(Deployment deployment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var now = time.GetUtcNow();
        var since = now - deployment.CreatedAt;
        if (since <= TimeSpan.Zero)
        {
            return null;
        }

        var horizon = MonitoringWindow.Parse(config.Monitoring.LabelHorizon, "monitoring.label_horizon").Span ?? TimeSpan.FromDays(90);
        var report = await reader.ReadAsync(deployment.ModelName, deployment.CandidateVersion, now, since, 1, horizon, ct).ConfigureAwait(false);
        var window = report.Windows.FirstOrDefault(w => w.ModelVersion == deployment.CandidateVersion);
        return window is { Labelled: >= MinLabelled, Precision: { } precision, Recall: { } recall }
            ? new LabelledFigures(window.Labelled, precision, recall)
            : null;
    }
}
