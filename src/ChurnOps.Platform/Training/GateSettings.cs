using ChurnOps.Training;

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
}
