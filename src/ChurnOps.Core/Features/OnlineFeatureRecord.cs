namespace ChurnOps.Core.Features;

/// <summary>
/// The latest feature values of one entity in one view, as served online. Values are <see cref="double"/>,
/// <see cref="string"/> or null.
/// </summary>
public sealed record OnlineFeatureRecord(
    string View,
    string Version,
    string EntityKey,
    DateTimeOffset EventTimestamp,
    IReadOnlyDictionary<string, object?> Values);
