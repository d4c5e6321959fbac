namespace ChurnOps.Platform.Registry.Lineage;

/// <summary>
/// One link of a version's lineage (contract, dataset version, feature view, training set, run, model version, aliases,
/// deployments): a one-line summary and its facts; <see cref="Recorded"/> false when the registry has no record of it.
/// </summary>
public sealed record LineageStep(string Step, bool Recorded, string Summary, IReadOnlyDictionary<string, string> Facts)
{
    public const string NotRecorded = "not recorded";

    public static LineageStep Missing(string step, string? why = null) =>
        new(step, false, why is null ? NotRecorded : $"{NotRecorded} ({why})", new Dictionary<string, string>());
}
