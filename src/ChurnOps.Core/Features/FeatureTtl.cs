using System.Globalization;

namespace ChurnOps.Core.Features;

/// <summary>Parses and prints TTLs written as a number and a unit: 45s, 90m, 12h, 30d, 2w.</summary>
public static class FeatureTtl
{
    public static bool TryParse(string? text, out TimeSpan ttl, out string? error)
    {
        ttl = TimeSpan.Zero;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is required (e.g. 30d, 12h)";
            return false;
        }

        var trimmed = text.Trim();
        var unit = trimmed[^1];
        if (!long.TryParse(trimmed.AsSpan(0, trimmed.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            error = $"'{text}' is not a number followed by s, m, h, d or w";
            return false;
        }

        TimeSpan? parsed = unit switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            'w' => TimeSpan.FromDays(amount * 7),
            _ => null,
        };
        if (parsed is null)
        {
            error = $"'{text}' has unknown unit '{unit}' (use s, m, h, d or w)";
            return false;
        }

        if (parsed.Value <= TimeSpan.Zero)
        {
            // A zero TTL would make every feature row expire at its own timestamp: every training row would be null.
            error = $"'{text}' must be greater than zero";
            return false;
        }

        ttl = parsed.Value;
        return true;
    }

    public static string Format(TimeSpan ttl)
    {
        if (ttl.Ticks % TimeSpan.TicksPerDay == 0)
        {
            return ((long)ttl.TotalDays).ToString(CultureInfo.InvariantCulture) + "d";
        }

        if (ttl.Ticks % TimeSpan.TicksPerHour == 0)
        {
            return ((long)ttl.TotalHours).ToString(CultureInfo.InvariantCulture) + "h";
        }

        if (ttl.Ticks % TimeSpan.TicksPerMinute == 0)
        {
            return ((long)ttl.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "m";
        }

        return ((long)ttl.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
    }
}
