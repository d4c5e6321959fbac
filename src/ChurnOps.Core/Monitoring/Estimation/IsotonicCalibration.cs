namespace ChurnOps.Core.Monitoring.Estimation;

/// <summary>
/// A monotone map from score to probability fitted by pool-adjacent-violators on (score, label) pairs (the isotonic
/// regression NannyML uses as its default calibrator), read by linear interpolation between the centres of the pooled
/// blocks and clipped outside them.
/// </summary>
public sealed class IsotonicCalibration
{
    private readonly double[] _x;
    private readonly double[] _y;

    private IsotonicCalibration(double[] x, double[] y)
    {
        _x = x;
        _y = y;
    }

    public int Points => _x.Length;

    public static IsotonicCalibration Fit(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count || scores.Count == 0)
        {
            throw new ArgumentException("Scores and labels must be non-empty and of the same length.");
        }

        var order = Enumerable.Range(0, scores.Count).ToArray();
        var keys = scores.ToArray();
        Array.Sort(keys, order);

        // Equal scores pool first (one point each, weight = how many), then PAV merges violating neighbours.
        var values = new List<double>();
        var weights = new List<double>();
        var xs = new List<double>();
        for (var i = 0; i < keys.Length;)
        {
            var j = i;
            var positives = 0.0;
            while (j < keys.Length && keys[j] == keys[i])
            {
                positives += labels[order[j]] ? 1 : 0;
                j++;
            }

            xs.Add(keys[i]);
            values.Add(positives / (j - i));
            weights.Add(j - i);
            i = j;
        }

        var blockValue = new List<double>();
        var blockWeight = new List<double>();
        var blockEnd = new List<int>();
        for (var i = 0; i < values.Count; i++)
        {
            blockValue.Add(values[i]);
            blockWeight.Add(weights[i]);
            blockEnd.Add(i);
            while (blockValue.Count > 1 && blockValue[^2] > blockValue[^1])
            {
                var w = blockWeight[^2] + blockWeight[^1];
                var v = (blockValue[^2] * blockWeight[^2] + blockValue[^1] * blockWeight[^1]) / w;
                var end = blockEnd[^1];
                blockValue.RemoveAt(blockValue.Count - 1);
                blockWeight.RemoveAt(blockWeight.Count - 1);
                blockEnd.RemoveAt(blockEnd.Count - 1);
                blockValue[^1] = v;
                blockWeight[^1] = w;
                blockEnd[^1] = end;
            }
        }

        // Each pooled block becomes one point at its weighted mean score: reading between block centres keeps the
        // resolution a step function would flatten (which biases an expected AUC towards 0.5).
        var centres = new double[blockValue.Count];
        var start = 0;
        for (var b = 0; b < blockValue.Count; b++)
        {
            double sum = 0, weight = 0;
            for (var i = start; i <= blockEnd[b]; i++)
            {
                sum += xs[i] * weights[i];
                weight += weights[i];
            }

            centres[b] = sum / weight;
            start = blockEnd[b] + 1;
        }

        return new IsotonicCalibration(centres, [.. blockValue]);
    }

    public double Calibrate(double score)
    {
        if (double.IsNaN(score))
        {
            return double.NaN;
        }

        if (score <= _x[0])
        {
            return _y[0];
        }

        if (score >= _x[^1])
        {
            return _y[^1];
        }

        var hi = Array.BinarySearch(_x, score);
        if (hi >= 0)
        {
            return _y[hi];
        }

        hi = ~hi;
        var lo = hi - 1;
        var t = (score - _x[lo]) / (_x[hi] - _x[lo]);
        return _y[lo] + t * (_y[hi] - _y[lo]);
    }
}
