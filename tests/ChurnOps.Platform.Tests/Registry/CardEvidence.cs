using ChurnOps.Core.Data;
using ChurnOps.Core.Registry;
using ChurnOps.Platform.Registry.Cards;
using ChurnOps.Training.Evaluation;

namespace ChurnOps.Platform.Tests.Registry;

/// <summary>Synthetic evaluation evidence with known segments: west (big, both classes), north (too small), east (one class).</summary>
internal static class CardEvidence
{
    public static EvaluationEvidence Create(int seed = 1)
    {
        var random = new Random(seed);
        var regions = new List<string?>();
        var labels = new List<bool>();
        var scores = new List<float>();
        void Add(string? region, int count, double positiveRate)
        {
            for (var i = 0; i < count; i++)
            {
                var label = random.NextDouble() < positiveRate;
                regions.Add(region);
                labels.Add(label);
                scores.Add((float)Math.Clamp((label ? 0.65 : 0.35) + ((random.NextDouble() - 0.5) * 0.6), 0, 1));
            }
        }

        Add("west", 300, 0.3);
        Add("north", 12, 0.5);
        Add("east", 40, 0);
        Add(null, 48, 0.3);
        var n = regions.Count;
        var ids = Enumerable.Range(0, n).Select(i => (double)(1000 + i)).ToArray();
        var rows = new TabularData(
        [
            TabularColumn.Numeric("customer_id", ids),
            TabularColumn.Text("region", [.. regions]),
            TabularColumn.Numeric("monthly_charges", Enumerable.Range(0, n).Select(i => i % 7 == 0 ? double.NaN : 20 + (i * 0.37)).ToArray()),
            TabularColumn.Numeric("event_timestamp", Enumerable.Range(0, n).Select(i => 1_790_000_000.5 + i).ToArray(), ColumnKind.Timestamp),
            TabularColumn.Numeric("churned", labels.Select(l => l ? 1.0 : 0.0).ToArray(), ColumnKind.Boolean),
        ]);
        var validationLabels = labels.Take(200).ToArray();
        var validationScores = scores.Take(200).Select(s => Math.Clamp(s + 0.01f, 0, 1)).ToArray();
        var held = new HeldOutEvidence(rows, [.. labels], [.. scores], validationLabels, validationScores, 0.5, "max_f1", null);
        var recipe = new TrainingRecipe(
            null, "staging.labels + customer_features", "churned", "staging.labels", "customer_id", "event_timestamp", "customer_features",
            ["customer_id", "event_timestamp"], "logreg", new Dictionary<string, string> { ["l2"] = "0.01" }, ["lightgbm", "logreg"],
            42, 0.2, 0.2, 4, 3, 32, null, "1.0.0+abc", "hash-1", new Dictionary<string, string> { ["customer_features"] = "v1" }, "ds-1",
            n * 5, labels.Count(l => l) * 5, n * 3, n, n, ["region", "monthly_charges"]);
        return new EvaluationEvidence(recipe, held);
    }

    public static ModelVersion Version() =>
        new("churn", 3, "run-1", "tracking/1/run-1/artifacts/model/model.zip", "logreg", new Dictionary<string, double>(),
            new ModelLineage("ds-1", new Dictionary<string, string> { ["customer_features"] = "v1" }, "hash-1", "1.0.0+abc", 42, "churned", null),
            "trainer@example.com", new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero), "logreg chosen on validation AUC");
}
