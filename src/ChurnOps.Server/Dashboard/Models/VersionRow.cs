using ChurnOps.Core.Registry;

namespace ChurnOps.Server.Dashboard.Models;

/// <summary>One version in a model's version table: status (pending_approval, approved, rejected), stage, aliases, gates, who and when.</summary>
internal sealed record VersionRow(
    int Version,
    string Status,
    string Stage,
    IReadOnlyList<string> Aliases,
    string Trainer,
    double? Auc,
    bool? GatesPassed,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string RunId)
{
    public static VersionRow From(ModelVersion version, IReadOnlyDictionary<string, int> aliases)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(aliases);
        var auc = version.Metrics.TryGetValue("test_auc", out var test) ? test
            : version.Metrics.TryGetValue("auc", out var plain) ? plain
            : version.Metrics.TryGetValue("valid_auc", out var valid) ? valid : (double?)null;
        return new VersionRow(
            version.Version,
            RegistryNames.Status(version.Status),
            RegistryNames.Stage(version.Stage),
            aliases.Where(a => a.Value == version.Version).Select(a => a.Key).Order(StringComparer.Ordinal).ToList(),
            version.Trainer,
            auc is { } a && double.IsFinite(a) ? a : null,
            version.Gates?.Passed,
            version.CreatedBy,
            version.CreatedAt,
            version.RunId);
    }
}
