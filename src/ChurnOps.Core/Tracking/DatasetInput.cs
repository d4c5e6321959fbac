namespace ChurnOps.Core.Tracking;

/// <summary>A dataset used by a run, with input tags such as mlflow.data.context = training.</summary>
public sealed record DatasetInput(TrackedDataset Dataset, IReadOnlyList<TrackingTag> Tags);
