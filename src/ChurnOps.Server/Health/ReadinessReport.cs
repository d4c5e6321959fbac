namespace ChurnOps.Server.Health;

/// <summary>
/// Whether a model can answer: loaded and its warm-up row scored. <see cref="Known"/> is false when the registry has no
/// such model at all (404, not 503); <see cref="Reason"/> says why it is not ready.
/// </summary>
internal sealed record ReadinessReport(string Model, bool Ready, int? Version, string? Reason, bool Known = true);
