using ChurnOps.Platform.Monitoring.Drift;
using ChurnOps.Platform.Monitoring.Live;

namespace ChurnOps.Platform.Projects;

/// <summary>
/// churnops.yaml `monitoring:` — drift settings, the live window, how long labels may lag predictions, and what
/// retrains.
/// </summary>
public sealed class MonitoringSettings
{
    public DriftSettings Drift { get; set; } = new();

    /// <summary>The default window of live predictions `monitor run` looks at (1d, 12h…).</summary>
    public string Window { get; set; } = "1d";

    /// <summary>How long after a prediction its label may arrive and still count for realised performance.</summary>
    public string LabelHorizon { get; set; } = "90d";

    public RetrainSettings Retrain { get; set; } = new();

    public IEnumerable<string> Validate(string path)
    {
        foreach (var error in Drift.Validate(path + ".drift"))
        {
            yield return error;
        }

        if (MonitoringWindow.Parse(Window, $"{path}.window").Error is { } window)
        {
            yield return window;
        }

        if (MonitoringWindow.Parse(LabelHorizon, $"{path}.label_horizon").Error is { } horizon)
        {
            yield return horizon;
        }

        foreach (var error in Retrain.Validate($"{path}.retrain"))
        {
            yield return error;
        }
    }
}
