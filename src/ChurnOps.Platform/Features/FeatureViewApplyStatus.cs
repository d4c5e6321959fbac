namespace ChurnOps.Platform.Features;

public enum FeatureViewApplyStatus
{
    Created,
    Updated,
    Unchanged,
    /// <summary>The change would break a serving model and --force was not given; nothing was registered.</summary>
    Refused,
}
