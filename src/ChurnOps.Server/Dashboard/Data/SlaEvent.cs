namespace ChurnOps.Server.Dashboard.Data;

/// <summary>A freshness or completeness SLA miss as the alert store keeps it (its history, open and closed).</summary>
internal sealed record SlaEvent(long AlertId, DateTimeOffset RaisedAt, string Subject, string Rule, string Measured, string Threshold, string Team, string Status, string Message);
