using ChurnOps.Training.Data;
using ChurnOps.Training.Scoring;
using Microsoft.ML;

namespace ChurnOps.Training.Evaluation;

/// <summary>
/// Permutation importance per input column: shuffle the column's encoded slots across the evaluation rows (the same as
/// shuffling its raw values), rescore, and measure the AUC drop. Seeded, so it is reproducible.
/// </summary>
internal static class PermutationImportance
{
    public static IReadOnlyList<FeatureImportance> Compute(ITransformer model, FeatureEncoder encoder, FeatureMatrix matrix, IReadOnlyList<int> rows, int repeats, int seed, CancellationToken ct)
    {
        var dims = matrix.Dimension;
        var labels = matrix.LabelsOf(rows);
        var baseline = new float[rows.Count * dims];
        for (var i = 0; i < rows.Count; i++)
        {
            matrix.Values.AsSpan(rows[i] * dims, dims).CopyTo(baseline.AsSpan(i * dims, dims));
        }

        var scores = new float[rows.Count];
        ModelScorer.Predict(model, baseline, dims, rows.Count, scores);
        var baseAuc = BinaryMetrics.Auc(scores, labels);
        var random = new Random(seed);
        var results = new List<FeatureImportance>(encoder.Columns.Count);
        var permuted = new float[baseline.Length];
        var order = new int[rows.Count];
        foreach (var column in encoder.Columns)
        {
            ct.ThrowIfCancellationRequested();
            var drops = new double[repeats];
            for (var r = 0; r < repeats; r++)
            {
                for (var i = 0; i < order.Length; i++)
                {
                    order[i] = i;
                }

                random.Shuffle(order);
                baseline.CopyTo(permuted, 0);
                for (var i = 0; i < rows.Count; i++)
                {
                    baseline.AsSpan((order[i] * dims) + column.Offset, column.Width).CopyTo(permuted.AsSpan((i * dims) + column.Offset, column.Width));
                }

                ModelScorer.Predict(model, permuted, dims, rows.Count, scores);
                drops[r] = baseAuc - BinaryMetrics.Auc(scores, labels);
            }

            var mean = drops.Average();
            var std = repeats > 1 ? Math.Sqrt(drops.Sum(d => (d - mean) * (d - mean)) / (repeats - 1)) : 0;
            results.Add(new FeatureImportance(column.Name, mean, std));
        }

        return results.OrderByDescending(f => f.AucDrop).ThenBy(f => f.Column, StringComparer.Ordinal).ToList();
    }
}
