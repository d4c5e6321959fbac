using ChurnOps.Platform.Monitoring.Drift;

namespace ChurnOps.Platform.Projects;

/// <summary>churnops.yaml `monitoring:` — drift settings (more monitoring settings join here).</summary>
public sealed class MonitoringSettings
{
    public DriftSettings Drift { get; set; } = new();

    public IEnumerable<string> Validate(string path) => Drift.Validate(path + ".drift");
}
