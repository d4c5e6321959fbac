namespace ChurnOps.Core.Tracking;

/// <summary>A key/value tag on a run, an experiment or a dataset input (MLflow's RunTag / ExperimentTag / InputTag).</summary>
public sealed record TrackingTag(string Key, string Value)
{
    /// <summary>The tag MLflow clients read a run's user from.</summary>
    public const string User = "mlflow.user";
}
