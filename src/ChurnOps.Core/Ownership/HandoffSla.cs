namespace ChurnOps.Core.Ownership;

/// <summary>One promised service level: "freshness" "24 h", "min_auc" "0.7", "latency_p99" "100 ms".</summary>
public sealed record HandoffSla(string Name, string Target);
