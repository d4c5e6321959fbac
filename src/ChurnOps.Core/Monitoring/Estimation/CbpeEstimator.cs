namespace ChurnOps.Core.Monitoring.Estimation;

/// <summary>
/// Confidence-based performance estimation (NannyML's CBPE): calibrate the model's scores on a labelled reference,
/// then, for a window without labels, treat each calibrated score as the probability that the row is positive and
/// take the expected confusion matrix — expected precision and recall at the model's threshold, and the expected ROC
/// curve's area. The band is estimate ± k sampling errors, the errors scaled from the reference to the window's size
/// as NannyML does (precision: std of the labels among predicted positives; recall: std of the predictions among
/// actual positives; AUC: std of each positive's share of negatives ranked below it). Under a shift the reference's
/// errors can be too small for the window, so each error is at least the spread of the metric over label sets drawn
/// from the window's own calibrated probabilities (a seeded parametric bootstrap).
/// </summary>
public sealed class CbpeEstimator
{
    private readonly IsotonicCalibration? _calibration;
    private readonly CbpeOptions _options;
    private readonly (double Std, double Fraction) _precisionError;
    private readonly (double Std, double Fraction) _recallError;
    private readonly (double Std, double Fraction) _aucError;

    private CbpeEstimator(IsotonicCalibration? calibration, CbpeOptions options, RealisedPerformance reference,
        (double, double) precisionError, (double, double) recallError, (double, double) aucError)
    {
        _calibration = calibration;
        _options = options;
        Reference = reference;
        _precisionError = precisionError;
        _recallError = recallError;
        _aucError = aucError;
    }

    /// <summary>The realised performance on the reference (what the estimates are compared with).</summary>
    public RealisedPerformance Reference { get; }

    public static CbpeFitOutcome Fit(IReadOnlyList<double> referenceScores, IReadOnlyList<bool> referenceLabels, CbpeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(referenceScores);
        ArgumentNullException.ThrowIfNull(referenceLabels);
        options ??= new CbpeOptions();
        if (referenceScores.Count != referenceLabels.Count)
        {
            return new CbpeFitOutcome(null, $"the reference has {referenceScores.Count} scores but {referenceLabels.Count} labels");
        }

        if (referenceScores.Count < 2)
        {
            return new CbpeFitOutcome(null, $"the reference has {referenceScores.Count} labelled rows; at least 2 are needed");
        }

        if (referenceScores.Any(s => !double.IsFinite(s)))
        {
            return new CbpeFitOutcome(null, "the reference has a missing or non-finite score");
        }

        var positives = referenceLabels.Count(l => l);
        if (positives == 0 || positives == referenceLabels.Count)
        {
            return new CbpeFitOutcome(null, $"the reference labels are all {(positives == 0 ? "negative" : "positive")}; calibration needs both classes");
        }

        var predicted = referenceScores.Select(s => s >= options.Threshold).ToArray();
        if (!predicted.Any(p => p))
        {
            return new CbpeFitOutcome(null, $"no reference score reaches the threshold {options.Threshold}; precision is undefined");
        }

        var calibration = options.Calibrate ? IsotonicCalibration.Fit(referenceScores, referenceLabels) : null;
        var reference = RealisedPerformance.Compute(referenceScores, referenceLabels, options.Threshold);
        var precisionError = Components(Enumerable.Range(0, predicted.Length).Where(i => predicted[i]).Select(i => referenceLabels[i] ? 1.0 : 0.0), predicted.Count(p => p), predicted.Length);
        var recallError = Components(Enumerable.Range(0, predicted.Length).Where(i => referenceLabels[i]).Select(i => predicted[i] ? 1.0 : 0.0), positives, predicted.Length);
        var aucError = AucComponents(referenceScores, referenceLabels);
        return new CbpeFitOutcome(new CbpeEstimator(calibration, options, reference, precisionError, recallError, aucError), null);
    }

    public CbpeWindowOutcome Estimate(IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var finite = scores.Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
        {
            return new CbpeWindowOutcome(null, "the window has no predictions to estimate from");
        }

        var n = finite.Length;
        var probabilities = new double[n];
        double tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < n; i++)
        {
            var p = _calibration?.Calibrate(finite[i]) ?? Math.Clamp(finite[i], 0, 1);
            probabilities[i] = p;
            if (finite[i] >= _options.Threshold)
            {
                tp += p;
                fp += 1 - p;
            }
            else
            {
                fn += p;
            }
        }

        var precision = tp + fp == 0 ? double.NaN : tp / (tp + fp);
        var recall = tp + fn == 0 ? double.NaN : tp / (tp + fn);
        var auc = ExpectedRocAuc(probabilities);
        var (aucSpread, precisionSpread, recallSpread) = Replicate(finite, probabilities);
        return new CbpeWindowOutcome(new CbpeEstimate(
            n,
            Metric("roc_auc", auc, _aucError, n, Reference.RocAuc, aucSpread),
            Metric("precision", precision, _precisionError, n, Reference.Precision, precisionSpread),
            Metric("recall", recall, _recallError, n, Reference.Recall, recallSpread)), null);
    }

    /// <summary>The standard deviations of realised AUC, precision and recall over label sets drawn from the probabilities.</summary>
    private (double Auc, double Precision, double Recall) Replicate(double[] scores, double[] probabilities)
    {
        if (_options.Replicates <= 1)
        {
            return (0, 0, 0);
        }

        var n = scores.Length;
        var order = Enumerable.Range(0, n).ToArray();
        var keys = (double[])scores.Clone();
        Array.Sort(keys, order);
        var ranks = new double[n];
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j < n && keys[j] == keys[i])
            {
                j++;
            }

            for (var k = i; k < j; k++)
            {
                ranks[order[k]] = (i + 1 + j) / 2.0;
            }

            i = j;
        }

        var random = new Random(_options.Seed);
        var aucs = new List<double>(_options.Replicates);
        var precisions = new List<double>(_options.Replicates);
        var recalls = new List<double>(_options.Replicates);
        for (var r = 0; r < _options.Replicates; r++)
        {
            double rankSum = 0;
            long positives = 0, tp = 0, fp = 0, fn = 0;
            for (var i = 0; i < n; i++)
            {
                var label = random.NextDouble() < probabilities[i];
                var predicted = scores[i] >= _options.Threshold;
                if (label)
                {
                    rankSum += ranks[i];
                    positives++;
                }

                tp += label && predicted ? 1 : 0;
                fp += !label && predicted ? 1 : 0;
                fn += label && !predicted ? 1 : 0;
            }

            var negatives = n - positives;
            if (positives > 0 && negatives > 0)
            {
                aucs.Add((rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives));
            }

            if (tp + fp > 0)
            {
                precisions.Add((double)tp / (tp + fp));
            }

            if (tp + fn > 0)
            {
                recalls.Add((double)tp / (tp + fn));
            }
        }

        return (StandardDeviation(aucs), StandardDeviation(precisions), StandardDeviation(recalls));
    }

    private static double StandardDeviation(List<double> values)
    {
        if (values.Count < 2)
        {
            return 0;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    /// <summary>The area under the expected ROC curve: at each threshold, expected TP = Σ p and FP = Σ (1 − p) above it.</summary>
    internal static double ExpectedRocAuc(double[] probabilities)
    {
        var sorted = (double[])probabilities.Clone();
        Array.Sort(sorted);
        Array.Reverse(sorted);
        double totalPositive = 0, totalNegative = 0;
        foreach (var p in sorted)
        {
            totalPositive += p;
            totalNegative += 1 - p;
        }

        if (totalPositive <= 0 || totalNegative <= 0)
        {
            return double.NaN;
        }

        double tp = 0, fp = 0, area = 0, lastTpr = 0, lastFpr = 0;
        for (var i = 0; i < sorted.Length;)
        {
            var j = i;
            while (j < sorted.Length && sorted[j] == sorted[i])
            {
                tp += sorted[j];
                fp += 1 - sorted[j];
                j++;
            }

            var tpr = tp / totalPositive;
            var fpr = fp / totalNegative;
            area += (fpr - lastFpr) * (tpr + lastTpr) / 2;
            lastTpr = tpr;
            lastFpr = fpr;
            i = j;
        }

        return area;
    }

    private EstimatedMetric Metric(string name, double value, (double Std, double Fraction) components, int rows, double referenceValue, double windowSpread)
    {
        var referenceError = components.Fraction <= 0 ? double.NaN : components.Std / Math.Sqrt(rows * components.Fraction);
        var error = double.IsNaN(referenceError) ? windowSpread : Math.Max(referenceError, windowSpread);
        var lower = Math.Clamp(value - _options.BandWidth * error, 0, 1);
        var upper = Math.Clamp(value + _options.BandWidth * error, 0, 1);
        return new EstimatedMetric(name, value, error, lower, upper, referenceValue);
    }

    private static (double Std, double Fraction) Components(IEnumerable<double> observations, int count, int total)
    {
        var values = observations.ToArray();
        if (values.Length == 0)
        {
            return (double.NaN, 0);
        }

        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / values.Length;
        return (Math.Sqrt(variance), (double)count / total);
    }

    /// <summary>NannyML's AUC components: for each positive (the minority class), the share of negatives ranked below it.</summary>
    private static (double Std, double Fraction) AucComponents(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var n = scores.Count;
        var positives = labels.Count(l => l);
        var flip = positives > n / 2.0;
        var order = Enumerable.Range(0, n).ToArray();
        var keys = scores.Select(s => flip ? 1 - s : s).ToArray();
        Array.Sort(keys, order);
        var minority = flip ? n - positives : positives;
        var negatives = n - minority;
        var shares = new List<double>(minority);
        var seen = 0;
        for (var rank = 0; rank < n; rank++)
        {
            var isMinority = labels[order[rank]] != flip;
            if (isMinority)
            {
                shares.Add((double)(rank - seen) / negatives);
                seen++;
            }
        }

        return Components(shares, minority, n);
    }
}
