using ChurnOps.Core.Registry;
using ChurnOps.Platform.Features;
using ChurnOps.Platform.Quickstart;
using ChurnOps.Training.Candidates;

namespace ChurnOps.Platform.Training;

/// <summary>
/// What a training did. <see cref="Succeeded"/> is false with <see cref="Error"/> when nothing could be trained (unknown
/// table, missing label, bad experiment name); a training whose candidates all failed their gates succeeded, has an
/// <see cref="Outcome"/> whose own error names the failures, and registered nothing.
/// </summary>
public sealed record ModelTrainingResult(
    bool Succeeded,
    string? Error,
    string ExperimentId,
    string? ParentRunId,
    IReadOnlyList<CandidateSummary> Candidates,
    CandidateSummary? Winner,
    ModelVersion? Registered,
    IReadOnlyList<string> ExcludedColumns)
{
    public TrainingOutcome? Outcome { get; init; }

    /// <summary>The point-in-time training set, when the job trained on the project's labels.</summary>
    public TrainingSetResult? TrainingSet { get; init; }

    public string? ArtifactRoot { get; init; }

    public string? ModelArtifact { get; init; }

    public IReadOnlyList<string> Artifacts { get; init; } = [];

    public static ModelTrainingResult Failed(string error) => new(false, error, string.Empty, null, [], null, null, []);
}
