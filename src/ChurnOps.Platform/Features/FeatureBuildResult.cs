namespace ChurnOps.Platform.Features;

public sealed record FeatureBuildResult(bool Succeeded, string? Error, IReadOnlyList<FeatureViewBuildOutcome> Views)
{
    internal static FeatureBuildResult Fail(string error, IReadOnlyList<FeatureViewBuildOutcome>? views = null) => new(false, error, views ?? []);
}
