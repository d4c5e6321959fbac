namespace ChurnOps.Core.Ownership;

/// <summary>The four hand-offs of the seeds: DE → ML at the feature table, the feature view, ML → MLOps at the registry, MLOps → SWE at the API.</summary>
public static class HandoffKind
{
    public const string Contract = "contract";
    public const string FeatureView = "feature_view";
    public const string ModelVersion = "model_version";
    public const string Deployment = "deployment";
}
