namespace ChurnOps.Training.Candidates;

/// <summary>One point of a metric's history (MLflow's metric with a step): e.g. a candidate's CV AUC at each search trial.</summary>
public sealed record MetricStep(string Key, double Value, int Step);
