using System.Globalization;

namespace ChurnOps.Platform.Audit;

/// <summary>
/// A "since" as the CLI and the API take it: an ISO-8601 time (2026-11-30T04:00:00Z, 2026-11-30) or an age counted back
/// from now (30m, 12h, 7d).
/// </summary>
public static class AuditSince
{
    public static (DateTimeOffset? Since, string? Error) Parse(string? text, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        var value = text.Trim();
        if (value.Length >= 2 && char.IsAsciiLetter(value[^1]) && long.TryParse(value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            TimeSpan? age = char.ToLowerInvariant(value[^1]) switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                'w' => TimeSpan.FromDays(amount * 7),
                _ => null,
            };
            if (age is { } span && amount <= 36_500)
            {
                return (now - span, null);
            }
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? (at, null)
            : (null, $"since: '{(value.Length <= 40 ? value : value[..40] + "…")}' is neither an ISO-8601 time (2026-11-30T04:00:00Z) nor an age (30m, 12h, 7d)");
    }
}
