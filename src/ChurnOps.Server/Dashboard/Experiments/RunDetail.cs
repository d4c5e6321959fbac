namespace ChurnOps.Server.Dashboard.Experiments;

/// <summary>Everything the run page shows: the run, where it belongs, what it logged, its dataset inputs and its artifacts.</summary>
internal sealed record RunDetail(
    RunRow Run,
    string ExperimentId,
    string ExperimentName,
    string LifecycleStage,
    string ArtifactUri,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<RunDatasetInput> Inputs,
    IReadOnlyList<RunArtifact> Artifacts,
    bool ArtifactsTruncated);
