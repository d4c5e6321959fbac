namespace ChurnOps.Platform.Features;

public sealed record MaterializeResult(bool Succeeded, string? Error, IReadOnlyList<ViewMaterialization> Views, IReadOnlyList<string> SkippedViews)
{
    internal static MaterializeResult Fail(string error) => new(false, error, [], []);
}
