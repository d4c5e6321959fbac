namespace ChurnOps.Platform.Tracking;

/// <summary>A run <see cref="RunReaper"/> ended as FAILED, and why.</summary>
public sealed record ReapedRun(string RunId, string RunName, string Reason);
