using ChurnOps.Core.Registry;
using ChurnOps.Platform.Projects;
using ChurnOps.Training.Candidates;

namespace ChurnOps.Platform.Training;

/// <summary>Reads the `gates:` block of churnops.yaml (min_auc, min_precision, min_recall, max_latency_ms, must_beat_champion_by).</summary>
public static class GateSettings
{
    private static readonly string[] Known = ["min_auc", "min_precision", "min_recall", "max_latency_ms", "must_beat_champion_by"];

    public static (EvaluationGates? Gates, string? Error) Read(IReadOnlyDictionary<string, double> gates, double? championAuc)
    {
        ArgumentNullException.ThrowIfNull(gates);
        var unknown = gates.Keys.Where(k => !Known.Contains(k, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            return (null, $"unknown gates: {string.Join(", ", unknown)} (known: {string.Join(", ", Known)})");
        }

        double? Get(string key) => gates.TryGetValue(key, out var value) ? value : null;
        var margin = Get("must_beat_champion_by");
        // Without a champion there is nothing to beat: the gate is skipped rather than failing every first model.
        return (new EvaluationGates(Get("min_auc"), Get("min_precision"), Get("min_recall"), Get("max_latency_ms"), championAuc is null ? null : margin, championAuc), null);
    }

    /// <summary>
    /// The project's gates, with the current champion's test AUC (the serving alias) for must_beat_champion_by.
    /// Every training path reads gates here, so an unknown key is refused the same way everywhere.
    /// </summary>
    public static async Task<(EvaluationGates? Gates, string? Error)> ReadAsync(IModelRegistry registry, ProjectConfig config, string modelName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(config);
        var champion = await registry.GetByAliasAsync(modelName, config.Serving.Alias, ct).ConfigureAwait(false);
        double? championAuc = champion?.Metrics.TryGetValue("test_auc", out var auc) == true ? auc : champion?.Metrics.GetValueOrDefault("auc");
        var (gates, error) = Read(config.Gates, championAuc);
        return gates is null ? (null, "churnops.yaml gates: " + error) : (gates, null);
    }
}
