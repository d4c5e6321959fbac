using ChurnOps.Core.Registry;
using ChurnOps.Platform.Quickstart;

namespace ChurnOps.Platform.Training;

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
    public static ModelTrainingResult Failed(string error) => new(false, error, string.Empty, null, [], null, null, []);
}
