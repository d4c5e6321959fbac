namespace ChurnOps.Core.Tracking;

/// <summary>Experiments: named groups of runs, soft-deletable, with tags.</summary>
public interface IExperimentStore
{
    Task<TrackingResult<string>> CreateExperimentAsync(string name, string? artifactLocation, IReadOnlyList<TrackingTag> tags, CancellationToken cancellationToken);

    Task<TrackingResult<Experiment>> GetExperimentAsync(string experimentId, CancellationToken cancellationToken);

    Task<TrackingResult<Experiment>> GetExperimentByNameAsync(string name, CancellationToken cancellationToken);

    Task<TrackingResult<ExperimentPage>> SearchExperimentsAsync(ExperimentQuery query, CancellationToken cancellationToken);

    Task<TrackingError?> RenameExperimentAsync(string experimentId, string newName, CancellationToken cancellationToken);

    /// <summary>Delete (soft) or restore; the experiment's runs follow it, as in MLflow.</summary>
    Task<TrackingError?> SetExperimentLifecycleAsync(string experimentId, string lifecycleStage, CancellationToken cancellationToken);

    Task<TrackingError?> SetExperimentTagAsync(string experimentId, string key, string value, CancellationToken cancellationToken);

    /// <summary>Removes a tag of an active experiment; a tag that is not there is RESOURCE_DOES_NOT_EXIST, as in MLflow.</summary>
    Task<TrackingError?> DeleteExperimentTagAsync(string experimentId, string key, CancellationToken cancellationToken);
}
