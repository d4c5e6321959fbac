namespace ChurnOps.Server.Dashboard.Data;

/// <summary>How many quarantined rows of a load broke a rule (the rules a row broke, as ingestion recorded them).</summary>
internal sealed record RuleCount(string Rules, long Rows);
