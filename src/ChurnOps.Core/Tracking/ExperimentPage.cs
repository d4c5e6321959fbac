namespace ChurnOps.Core.Tracking;

public sealed record ExperimentPage(IReadOnlyList<Experiment> Experiments, string? NextPageToken);
