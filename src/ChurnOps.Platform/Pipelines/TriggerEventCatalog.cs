namespace ChurnOps.Platform.Pipelines;

/// <summary>
/// The event names pipelines may trigger on. A name that fits no pattern is an error (a typo would otherwise wait
/// forever for an event nobody emits); a name that fits but names a table or model the project does not have is a
/// warning (the contract or model may come later). Areas that emit events add their pattern here, one line each.
/// </summary>
public static class TriggerEventCatalog
{
    public static IReadOnlyList<TriggerEventPattern> Patterns { get; } =
    [
        new("data", "updated", TriggerEventNames.Table),
        new("contract", "published", TriggerEventNames.Contract),
        new("model", "registered", TriggerEventNames.Model),
        new("drift", "detected", TriggerEventNames.Model),
    ];
}
