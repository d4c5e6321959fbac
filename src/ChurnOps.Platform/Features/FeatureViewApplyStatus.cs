namespace ChurnOps.Platform.Features;

public enum FeatureViewApplyStatus
{
    Created,
    Updated,
    Unchanged,
    /// <summary>The change would break a serving model and --force was not given; nothing was registered.</summary>
    Refused,
    /// <summary>The view's file is gone: it leaves the current set (its versions stay for lineage; its table is kept).</summary>
    Removed,
}
