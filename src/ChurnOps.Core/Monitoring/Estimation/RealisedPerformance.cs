namespace ChurnOps.Core.Monitoring.Estimation;

/// <summary>Realised ROC AUC (ties counted half, Mann–Whitney), precision and recall at a threshold, once labels are known.</summary>
public sealed record RealisedPerformance(long Rows, long Positives, double RocAuc, double Precision, double Recall)
{
    public static RealisedPerformance Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, double threshold)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count)
        {
            throw new ArgumentException("Scores and labels must have the same length.");
        }

        long tp = 0, fp = 0, fn = 0, positives = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var predicted = scores[i] >= threshold;
            positives += labels[i] ? 1 : 0;
            tp += predicted && labels[i] ? 1 : 0;
            fp += predicted && !labels[i] ? 1 : 0;
            fn += !predicted && labels[i] ? 1 : 0;
        }

        var precision = tp + fp == 0 ? double.NaN : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? double.NaN : (double)tp / (tp + fn);
        return new RealisedPerformance(scores.Count, positives, AreaUnderRoc(scores, labels), precision, recall);
    }

    /// <summary>Area under the ROC curve by ranks (average rank for ties); NaN when one class is absent.</summary>
    public static double AreaUnderRoc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var n = scores.Count;
        var order = Enumerable.Range(0, n).ToArray();
        var keys = scores.ToArray();
        Array.Sort(keys, order);
        double positiveRankSum = 0;
        long positives = 0;
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j < n && keys[j] == keys[i])
            {
                j++;
            }

            var rank = (i + 1 + j) / 2.0;
            for (var k = i; k < j; k++)
            {
                if (labels[order[k]])
                {
                    positiveRankSum += rank;
                    positives++;
                }
            }

            i = j;
        }

        var negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}
