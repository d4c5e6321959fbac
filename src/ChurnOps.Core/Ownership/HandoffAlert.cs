namespace ChurnOps.Core.Ownership;

/// <summary>An open or acknowledged alert on a hand-off, with the runbook to open.</summary>
public sealed record HandoffAlert(long Id, string Type, string Severity, string Status, string Team, string Message, string? Runbook, DateTimeOffset RaisedAt);
