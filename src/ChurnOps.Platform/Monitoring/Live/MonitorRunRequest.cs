namespace ChurnOps.Platform.Monitoring.Live;

/// <summary>`churnops monitor run`: the model, the window ending now, optionally one version (arm), and whether triggers may retrain.</summary>
public sealed record MonitorRunRequest(string Model, TimeSpan Window, int? Version, bool Retrain, string User);
