using System.Globalization;

namespace ChurnOps.Platform.Pipelines;

/// <summary>Durations as pipelines write them: <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c>, or a number of seconds.</summary>
public static class PipelineDuration
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var (number, unit) = trimmed.EndsWith("ms", StringComparison.Ordinal)
            ? (trimmed[..^2], TimeSpan.FromMilliseconds(1))
            : char.IsAsciiLetter(trimmed[^1])
                ? (trimmed[..^1], trimmed[^1] switch
                {
                    's' => TimeSpan.FromSeconds(1),
                    'm' => TimeSpan.FromMinutes(1),
                    'h' => TimeSpan.FromHours(1),
                    'd' => TimeSpan.FromDays(1),
                    _ => TimeSpan.Zero,
                })
                : (trimmed, TimeSpan.FromSeconds(1));
        if (unit == TimeSpan.Zero || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount < 0 || amount > 366 * 86_400)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)Math.Round(amount * unit.Ticks));
        return value <= TimeSpan.FromDays(366);
    }
}
