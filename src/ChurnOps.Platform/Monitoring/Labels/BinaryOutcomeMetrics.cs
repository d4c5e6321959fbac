namespace ChurnOps.Platform.Monitoring.Labels;

/// <summary>Exact realised metrics over labelled predictions, in doubles (no rounding of the scores).</summary>
public static class BinaryOutcomeMetrics
{
    /// <summary>
    /// ROC AUC as the Mann–Whitney statistic: the share of (positive, negative) pairs the score orders correctly, a tie
    /// counting one half. Null when either class is absent.
    /// </summary>
    public static double? Auc(ReadOnlySpan<double> scores, ReadOnlySpan<bool> actual)
    {
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = scores.ToArray();
        Array.Sort(keys, order);
        long positives = 0;
        double positiveRankSum = 0;
        for (var start = 0; start < keys.Length;)
        {
            var end = start;
            while (end + 1 < keys.Length && keys[end + 1] == keys[start])
            {
                end++;
            }

            // Ranks start at 1; tied scores share the mean of their ranks.
            var rank = ((start + 1) + (end + 1)) / 2.0;
            for (var k = start; k <= end; k++)
            {
                if (actual[order[k]])
                {
                    positives++;
                    positiveRankSum += rank;
                }
            }

            start = end + 1;
        }

        var negatives = scores.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        return (positiveRankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>Precision and recall of the logged decisions; each null when its denominator is zero.</summary>
    public static (double? Precision, double? Recall) PrecisionRecall(ReadOnlySpan<bool> predicted, ReadOnlySpan<bool> actual)
    {
        long truePositives = 0, falsePositives = 0, falseNegatives = 0;
        for (var i = 0; i < predicted.Length; i++)
        {
            switch ((predicted[i], actual[i]))
            {
                case (true, true): truePositives++; break;
                case (true, false): falsePositives++; break;
                case (false, true): falseNegatives++; break;
            }
        }

        return (truePositives + falsePositives == 0 ? null : (double)truePositives / (truePositives + falsePositives),
            truePositives + falseNegatives == 0 ? null : (double)truePositives / (truePositives + falseNegatives));
    }
}
