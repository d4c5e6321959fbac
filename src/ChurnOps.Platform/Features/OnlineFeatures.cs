namespace ChurnOps.Platform.Features;

/// <summary>
/// The latest features of one entity from the online store. <see cref="Version"/> is the view version they were
/// built with, for serving to compare with the model's lineage. Values are <see cref="double"/>, <see cref="string"/> or null.
/// </summary>
public sealed record OnlineFeatures(
    string View,
    string Version,
    string EntityKey,
    DateTimeOffset EventTimestamp,
    IReadOnlyDictionary<string, object?> Values);
