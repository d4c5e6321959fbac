using System.Globalization;

namespace ChurnOps.Server.Dashboard.Charts;

/// <summary>A linear axis over [Min, Max] with "nice" ticks (1, 2, 5 × 10^n), mapped onto a pixel range.</summary>
internal sealed class ChartScale
{
    private readonly double _from;
    private readonly double _to;

    private ChartScale(double min, double max, double step, double from, double to)
    {
        Min = min;
        Max = max;
        Step = step;
        _from = from;
        _to = to;
    }

    public double Min { get; }

    public double Max { get; }

    public double Step { get; }

    /// <summary>Covers every value (and zero when <paramref name="includeZero"/>); a flat or empty range gets a unit width.</summary>
    public static ChartScale For(IEnumerable<double> values, double from, double to, bool includeZero, int ticks = 5)
    {
        var finite = values.Where(double.IsFinite).ToList();
        var low = finite.Count == 0 ? 0 : finite.Min();
        var high = finite.Count == 0 ? 1 : finite.Max();
        if (includeZero)
        {
            low = Math.Min(low, 0);
            high = Math.Max(high, 0);
        }

        if (high - low < 1e-12)
        {
            var pad = Math.Abs(high) < 1e-12 ? 1 : Math.Abs(high) * 0.1;
            low -= pad;
            high += pad;
        }

        var step = NiceStep((high - low) / Math.Max(1, ticks));
        var min = Math.Floor(low / step) * step;
        var max = Math.Ceiling(high / step) * step;
        return new ChartScale(min, max, step, from, to);
    }

    public double Map(double value) => _from + ((value - Min) / (Max - Min) * (_to - _from));

    public IEnumerable<double> Ticks()
    {
        for (var i = 0; i <= (int)Math.Round((Max - Min) / Step); i++)
        {
            yield return Min + (i * Step);
        }
    }

    /// <summary>A tick label: short, invariant, no float noise (0.30000000000000004 → 0.3).</summary>
    public static string Format(double value)
    {
        if (Math.Abs(value) < 1e-12)
        {
            return "0";
        }

        var magnitude = Math.Abs(value);
        return magnitude >= 1e6 || magnitude < 1e-3
            ? value.ToString("0.##E+0", CultureInfo.InvariantCulture)
            : magnitude >= 1000 ? value.ToString("#,0.##", CultureInfo.InvariantCulture) : Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture);
    }

    private static double NiceStep(double raw)
    {
        var exponent = Math.Floor(Math.Log10(raw));
        var fraction = raw / Math.Pow(10, exponent);
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * Math.Pow(10, exponent);
    }
}
