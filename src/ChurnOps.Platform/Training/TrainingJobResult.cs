using ChurnOps.Training.Candidates;


namespace ChurnOps.Platform.Training;

/// <summary>
/// The outcome of a training job and where its files went. <see cref="Error"/> is set when nothing could be trained
/// (bad table, bad label); a run whose candidates all failed their gates has an outcome and an error.
/// </summary>
public sealed record TrainingJobResult(TrainingOutcome? Outcome, string? Error, string? ArtifactRoot, string? ModelArtifact, IReadOnlyList<string> Artifacts, string? ExperimentId = null, string? RunId = null)
{
    public static TrainingJobResult Failed(string error) => new(null, error, null, null, []);
}
