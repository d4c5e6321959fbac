namespace ChurnOps.Platform.Monitoring.Drift;

/// <summary>`monitoring.drift.columns.&lt;column&gt;`: the test (ks, chisquare, ztest, wasserstein, jensenshannon, psi) and/or threshold.</summary>
public sealed class DriftColumnSettings
{
    public string? Test { get; set; }

    public double? Threshold { get; set; }
}
