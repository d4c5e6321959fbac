using ChurnOps.Core.Data;

namespace ChurnOps.Platform.Features;

/// <summary>
/// A point-in-time-correct training set: the entity rows' own columns (keys, event_timestamp, label…) followed by
/// every view's features. <see cref="EntityColumns"/> (keys and timestamp) must not be used as model inputs.
/// </summary>
public sealed record TrainingSetResult(
    bool Succeeded,
    string? Error,
    TabularData Data,
    string TrainingSetHash,
    IReadOnlyDictionary<string, string> FeatureViewVersions,
    IReadOnlyList<string> EntityColumns,
    IReadOnlyList<string> FeatureColumns)
{
    public const string TimestampColumn = "event_timestamp";

    internal static TrainingSetResult Fail(string error) =>
        new(false, error, new TabularData([]), string.Empty, new Dictionary<string, string>(), [], []);
}
