namespace ChurnOps.Core.Tracking;

/// <summary>A tracked run: attributes, logged data and dataset inputs.</summary>
public sealed record Run(RunInfo Info, RunData Data, IReadOnlyList<DatasetInput> Inputs);
