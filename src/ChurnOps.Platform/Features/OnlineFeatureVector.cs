namespace ChurnOps.Platform.Features;

/// <summary>
/// Every feature a model needs for one entity, gathered from the online store view by view. Fails (with a precise
/// error) when a view has no row for the entity or holds a different version than the model was trained on.
/// </summary>
public sealed record OnlineFeatureVector(
    bool Succeeded,
    string? Error,
    string EntityKey,
    IReadOnlyDictionary<string, object?> Values,
    IReadOnlyDictionary<string, string> Versions)
{
    internal static OnlineFeatureVector Fail(string entityKey, string error) =>
        new(false, error, entityKey, new Dictionary<string, object?>(), new Dictionary<string, string>());
}
