namespace ChurnOps.Training.Evaluation;

/// <summary>
/// Binary classification metrics computed from probabilities and labels, hand-written so every candidate (and every saved
/// model) is measured the same way: AUC with tied scores averaged, PR-AUC as average precision, and the threshold metrics.
/// </summary>
internal static class BinaryMetrics
{
    private const double Epsilon = 1e-15;

    public static Dictionary<string, double> Compute(ReadOnlySpan<float> probabilities, ReadOnlySpan<bool> labels, double threshold)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["auc"] = Auc(probabilities, labels),
            ["pr_auc"] = AveragePrecision(probabilities, labels),
        };
        long tp = 0, fp = 0, tn = 0, fn = 0;
        double logLoss = 0, brier = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var p = Math.Clamp((double)probabilities[i], Epsilon, 1 - Epsilon);
            var y = labels[i] ? 1.0 : 0.0;
            logLoss -= (y * Math.Log(p)) + ((1 - y) * Math.Log(1 - p));
            brier += (probabilities[i] - y) * (probabilities[i] - y);
            var predicted = probabilities[i] >= threshold;
            if (predicted)
            {
                if (labels[i])
                {
                    tp++;
                }
                else
                {
                    fp++;
                }
            }
            else if (labels[i])
            {
                fn++;
            }
            else
            {
                tn++;
            }
        }

        var n = Math.Max(1, probabilities.Length);
        var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        metrics["accuracy"] = (double)(tp + tn) / n;
        metrics["precision"] = precision;
        metrics["recall"] = recall;
        metrics["f1"] = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        metrics["log_loss"] = logLoss / n;
        metrics["brier"] = brier / n;
        return metrics;
    }

    /// <summary>Area under the ROC curve via the rank-sum statistic (ties get their average rank); 0.5 when a class is absent.</summary>
    public static double Auc(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels)
    {
        var order = SortedIndices(scores, descending: false);
        double positives = 0, rankSum = 0;
        var i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]])
            {
                j++;
            }

            var averageRank = ((i + j) / 2.0) + 1;
            for (var k = i; k <= j; k++)
            {
                if (labels[order[k]])
                {
                    positives++;
                    rankSum += averageRank;
                }
            }

            i = j + 1;
        }

        var negatives = order.Length - positives;
        return positives == 0 || negatives == 0 ? 0.5 : (rankSum - (positives * (positives + 1) / 2)) / (positives * negatives);
    }

    /// <summary>Average precision: sum over distinct thresholds of (recall step × precision at that threshold).</summary>
    public static double AveragePrecision(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels)
    {
        var curve = Curve(scores, labels);
        if (curve.Positives == 0)
        {
            return 0;
        }

        double ap = 0, previousRecall = 0;
        foreach (var point in curve.Points)
        {
            var recall = (double)point.TruePositives / curve.Positives;
            var precision = (double)point.TruePositives / (point.TruePositives + point.FalsePositives);
            ap += (recall - previousRecall) * precision;
            previousRecall = recall;
        }

        return ap;
    }

    /// <summary>Confusion counts at every distinct score, highest first (predict positive when score ≥ threshold).</summary>
    public static ScoreCurve Curve(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels)
    {
        var order = SortedIndices(scores, descending: true);
        var points = new List<CurvePoint>();
        long tp = 0, fp = 0;
        var positives = 0;
        foreach (var label in labels)
        {
            positives += label ? 1 : 0;
        }

        var i = 0;
        while (i < order.Length)
        {
            var threshold = scores[order[i]];
            while (i < order.Length && scores[order[i]] == threshold)
            {
                if (labels[order[i]])
                {
                    tp++;
                }
                else
                {
                    fp++;
                }

                i++;
            }

            points.Add(new CurvePoint(threshold, tp, fp));
        }

        return new ScoreCurve(points, positives, labels.Length - positives);
    }

    /// <summary>Percentile bootstrap 95% interval of the AUC (rows resampled with replacement, seeded).</summary>
    public static (double Low, double High) AucInterval(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels, int resamples, int seed)
    {
        var random = new Random(seed);
        var aucs = new double[resamples];
        var sampleScores = new float[scores.Length];
        var sampleLabels = new bool[labels.Length];
        for (var b = 0; b < resamples; b++)
        {
            for (var i = 0; i < scores.Length; i++)
            {
                var pick = random.Next(scores.Length);
                sampleScores[i] = scores[pick];
                sampleLabels[i] = labels[pick];
            }

            aucs[b] = Auc(sampleScores, sampleLabels);
        }

        Array.Sort(aucs);
        return (aucs[(int)(0.025 * (resamples - 1))], aucs[(int)Math.Ceiling(0.975 * (resamples - 1))]);
    }

    public static IReadOnlyList<CalibrationBin> Calibration(ReadOnlySpan<float> probabilities, ReadOnlySpan<bool> labels, int bins = 10)
    {
        var counts = new int[bins];
        var predicted = new double[bins];
        var observed = new double[bins];
        for (var i = 0; i < probabilities.Length; i++)
        {
            var bin = Math.Clamp((int)(probabilities[i] * bins), 0, bins - 1);
            counts[bin]++;
            predicted[bin] += probabilities[i];
            observed[bin] += labels[i] ? 1 : 0;
        }

        var result = new List<CalibrationBin>(bins);
        for (var b = 0; b < bins; b++)
        {
            result.Add(new CalibrationBin(
                (double)b / bins,
                (double)(b + 1) / bins,
                counts[b],
                counts[b] == 0 ? 0 : predicted[b] / counts[b],
                counts[b] == 0 ? 0 : observed[b] / counts[b]));
        }

        return result;
    }

    private static int[] SortedIndices(ReadOnlySpan<float> scores, bool descending)
    {
        var keys = scores.ToArray();
        var order = new int[keys.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order);
        if (descending)
        {
            Array.Reverse(order);
        }

        return order;
    }
}
