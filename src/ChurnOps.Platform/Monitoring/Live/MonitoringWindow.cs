using System.Globalization;

namespace ChurnOps.Platform.Monitoring.Live;

/// <summary>A span of time written as a count and a unit: <c>30m</c>, <c>12h</c>, <c>1d</c>, <c>2w</c>.</summary>
public static class MonitoringWindow
{
    public static (TimeSpan? Span, string? Error) Parse(string? text, string what)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length >= 2
            && int.TryParse(trimmed.AsSpan(0, trimmed.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count is > 0 and <= 100_000)
        {
            TimeSpan? span = char.ToLowerInvariant(trimmed[^1]) switch
            {
                'm' => TimeSpan.FromMinutes(count),
                'h' => TimeSpan.FromHours(count),
                'd' => TimeSpan.FromDays(count),
                'w' => TimeSpan.FromDays(7.0 * count),
                _ => null,
            };
            if (span is not null)
            {
                return (span, null);
            }
        }

        var shown = trimmed.Length <= 40 ? trimmed : trimmed[..40] + "…";
        return (null, $"{what}: '{shown}' is not a duration; write a whole number and m, h, d or w (e.g. 1d, 12h)");
    }

    public static string Format(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } when span.TotalDays == Math.Floor(span.TotalDays) => $"{span.TotalDays:0}d",
        { TotalHours: >= 1 } when span.TotalHours == Math.Floor(span.TotalHours) => $"{span.TotalHours:0}h",
        _ => $"{span.TotalMinutes:0}m",
    };
}
