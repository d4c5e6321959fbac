namespace ChurnOps.Platform.Features;

public sealed record FeatureApplyResult(bool Succeeded, string? Error, IReadOnlyList<FeatureViewApplyOutcome> Views)
{
    internal static FeatureApplyResult Fail(string error, IReadOnlyList<FeatureViewApplyOutcome>? views = null) => new(false, error, views ?? []);
}
