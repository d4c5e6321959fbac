using ChurnOps.Core.Tracking;

namespace ChurnOps.Server.Mlflow;

/// <summary>MLflow's RunInfo on the wire; run_uuid repeats run_id for older clients that still read it.</summary>
internal sealed record MlflowRunInfoJson(
    string RunId,
    string RunUuid,
    string RunName,
    string ExperimentId,
    string UserId,
    string Status,
    long StartTime,
    long? EndTime,
    string ArtifactUri,
    string LifecycleStage)
{
    public static MlflowRunInfoJson From(RunInfo info) =>
        new(info.RunId, info.RunId, info.RunName, info.ExperimentId, info.UserId, info.Status, info.StartTime, info.EndTime, info.ArtifactUri, info.LifecycleStage);
}
