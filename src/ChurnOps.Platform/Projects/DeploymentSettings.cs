using ChurnOps.Core.Deployments;

namespace ChurnOps.Platform.Projects;

/// <summary>churnops.yaml `deployments:`: how long each canary step runs, how often the server checks, and the analysis thresholds.</summary>
public sealed class DeploymentSettings
{
    /// <summary>How long each step runs before it is judged, when `churnops deploy` gives no --interval.</summary>
    public string Interval { get; set; } = "5m";

    /// <summary>How often the server re-reads deployments (so CLI changes reach it) and judges steps that are due.</summary>
    public string CheckEvery { get; set; } = "1s";

    /// <summary>Requests the shadow mirror may hold waiting for the candidate; beyond it mirrors are dropped, never the answer delayed.</summary>
    public int ShadowQueue { get; set; } = 1024;

    public DeploymentAnalysisSettings Analysis { get; set; } = new();

    public TimeSpan DefaultInterval => DeploymentPlan.ParseInterval(Interval).Interval;

    public TimeSpan CheckPeriod => DeploymentPlan.ParseInterval(CheckEvery).Interval;

    public IEnumerable<string> Validate(string path)
    {
        if (DeploymentPlan.ParseInterval(Interval).Error is { } interval)
        {
            yield return $"{path}.interval: {interval}";
        }

        if (DeploymentPlan.ParseInterval(CheckEvery).Error is { } check)
        {
            yield return $"{path}.check_every: {check}";
        }

        if (ShadowQueue is < 1 or > 1_000_000)
        {
            yield return $"{path}.shadow_queue: must be between 1 and 1000000";
        }

        foreach (var error in Analysis.Validate(path + ".analysis"))
        {
            yield return error;
        }
    }
}
