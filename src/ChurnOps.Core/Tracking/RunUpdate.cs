namespace ChurnOps.Core.Tracking;

/// <summary>MLflow's runs/update: any of status, end time and name; null leaves a field as it is.</summary>
public sealed record RunUpdate(string? Status, long? EndTime, string? RunName);
