using System.Globalization;
using ChurnOps.Core.Tracking;

namespace ChurnOps.Cli.Commands.Runs;

/// <summary>How runs read on a terminal: UTC times, durations, metrics to 4 significant decimals.</summary>
internal static class RunFormat
{
    public static string Time(long? epochMillis) => epochMillis is { } ms
        ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
        : "-";

    public static string Duration(RunInfo info) => info.EndTime is { } end
        ? TimeSpan.FromMilliseconds(end - info.StartTime).ToString(@"hh\:mm\:ss\.f", CultureInfo.InvariantCulture)
        : "-";

    public static string Number(double? value) => value switch
    {
        null => "-",
        double v when double.IsNaN(v) => "NaN",
        double v => v.ToString("0.####", CultureInfo.InvariantCulture),
    };

    /// <summary>A short summary of a run's metrics for list views.</summary>
    public static string Metrics(Run run, int max = 4) =>
        string.Join(" ", run.Data.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Take(max).Select(m => $"{m.Key}={Number(m.Value)}"))
        + (run.Data.Metrics.Count > max ? " …" : string.Empty);
}
