using ChurnOps.Training.Evaluation;
using ScottPlot;

namespace ChurnOps.Training.Plots;

/// <summary>The evaluation plots stored with a run (ROC, precision-recall, calibration, feature importance) as PNG bytes.</summary>
internal static class EvaluationPlots
{
    private const int Width = 640;
    private const int Height = 480;

    public static byte[] Roc(ScoreCurve curve, double auc)
    {
        var xs = new List<double> { 0 };
        var ys = new List<double> { 0 };
        foreach (var point in curve.Points)
        {
            xs.Add(curve.Negatives == 0 ? 0 : (double)point.FalsePositives / curve.Negatives);
            ys.Add(curve.Positives == 0 ? 0 : (double)point.TruePositives / curve.Positives);
        }

        var plot = NewPlot($"ROC (AUC {auc:0.000})", "False positive rate", "True positive rate");
        Diagonal(plot);
        Line(plot, xs, ys);
        plot.Axes.SetLimits(0, 1, 0, 1);
        return Render(plot);
    }

    public static byte[] PrecisionRecall(ScoreCurve curve, double averagePrecision)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var point in curve.Points)
        {
            xs.Add(curve.Positives == 0 ? 0 : (double)point.TruePositives / curve.Positives);
            ys.Add((double)point.TruePositives / Math.Max(1, point.TruePositives + point.FalsePositives));
        }

        var plot = NewPlot($"Precision-recall (AP {averagePrecision:0.000})", "Recall", "Precision");
        Line(plot, xs, ys);
        var baseRate = curve.Positives / (double)Math.Max(1, curve.Positives + curve.Negatives);
        var line = plot.Add.HorizontalLine(baseRate);
        line.LinePattern = LinePattern.Dashed;
        line.Color = Colors.Gray;
        plot.Axes.SetLimits(0, 1, 0, 1.02);
        return Render(plot);
    }

    public static byte[] Calibration(IReadOnlyList<CalibrationBin> bins)
    {
        var used = bins.Where(b => b.Count > 0).ToList();
        var plot = NewPlot("Calibration (test split)", "Mean predicted probability", "Observed positive rate");
        Diagonal(plot);
        var scatter = plot.Add.Scatter(used.Select(b => b.MeanPredicted).ToArray(), used.Select(b => b.ObservedRate).ToArray());
        scatter.MarkerSize = 8;
        scatter.LineWidth = 2;
        plot.Axes.SetLimits(0, 1, 0, 1);
        return Render(plot);
    }

    public static byte[] Importance(IReadOnlyList<FeatureImportance> importance, int top = 15)
    {
        var shown = importance.Take(top).Reverse().ToList();
        var plot = NewPlot("Permutation importance (validation AUC drop)", "AUC drop", string.Empty);
        var bars = plot.Add.Bars(shown.Select(f => Math.Max(0, f.AucDrop)).ToArray());
        bars.Horizontal = true;
        var positions = Enumerable.Range(0, shown.Count).Select(i => (double)i).ToArray();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, shown.Select(f => f.Column).ToArray());
        plot.Axes.Margins(left: 0, right: 0.1, bottom: 0.02, top: 0.02);
        return Render(plot, Width, Math.Max(Height, 60 + (shown.Count * 26)));
    }

    private static Plot NewPlot(string title, string x, string y)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        return plot;
    }

    private static void Line(Plot plot, List<double> xs, List<double> ys)
    {
        var scatter = plot.Add.Scatter(xs.ToArray(), ys.ToArray());
        scatter.MarkerSize = 0;
        scatter.LineWidth = 2;
    }

    private static void Diagonal(Plot plot)
    {
        var line = plot.Add.Line(0, 0, 1, 1);
        line.LinePattern = LinePattern.Dashed;
        line.Color = Colors.Gray;
    }

    private static byte[] Render(Plot plot, int width = Width, int height = Height) => plot.GetImageBytes(width, height, ImageFormat.Png);
}
