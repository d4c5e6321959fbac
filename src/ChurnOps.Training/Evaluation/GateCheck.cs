using System.Globalization;
using ChurnOps.Training.Candidates;

namespace ChurnOps.Training.Evaluation;

/// <summary>Applies <see cref="EvaluationGates"/> to a candidate's validation metrics; returns every failed gate as a readable reason.</summary>
internal static class GateCheck
{
    public static IReadOnlyList<string> Failures(EvaluationGates gates, IReadOnlyDictionary<string, double> metrics)
    {
        var failures = new List<string>();
        AtLeast(failures, "auc", metrics["auc"], gates.MinAuc, "min_auc");
        AtLeast(failures, "precision", metrics["precision"], gates.MinPrecision, "min_precision");
        AtLeast(failures, "recall", metrics["recall"], gates.MinRecall, "min_recall");
        if (gates.MaxLatencyMs is { } maxLatency && metrics.TryGetValue("latency_p95_ms", out var latency) && latency > maxLatency)
        {
            failures.Add($"latency_p95_ms {F(latency)} > max_latency_ms {F(maxLatency)}");
        }

        if (gates.MustBeatChampionBy is { } margin && gates.ChampionAuc is { } champion && metrics["auc"] < champion + margin)
        {
            failures.Add($"auc {F(metrics["auc"])} < champion auc {F(champion)} + must_beat_champion_by {F(margin)}");
        }

        return failures;
    }

    private static void AtLeast(List<string> failures, string metric, double value, double? minimum, string gate)
    {
        if (minimum is { } min && value < min)
        {
            failures.Add($"{metric} {F(value)} < {gate} {F(min)}");
        }
    }

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
