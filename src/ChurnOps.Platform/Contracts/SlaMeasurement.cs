namespace ChurnOps.Platform.Contracts;

/// <summary>One SLA checked: what was measured against which threshold, and the producer team to notify when it failed.</summary>
public sealed record SlaMeasurement(string Contract, string Table, string Property, string Measured, string Threshold, bool Met, string Team, string Message);
