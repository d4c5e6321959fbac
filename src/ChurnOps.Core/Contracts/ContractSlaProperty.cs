namespace ChurnOps.Core.Contracts;

/// <summary>One ODCS <c>slaProperties</c> entry: freshness 24 h, completeness 99 percent, availability…</summary>
public sealed record ContractSlaProperty(string Property, string Value, string? Unit, string? Element)
{
    public double? NumericValue => double.TryParse(Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>The value as a duration when the unit is a time unit (y = 365 d, mo = 30 d, w, d, h, m, s and their long forms).</summary>
    public TimeSpan? Duration
    {
        get
        {
            if (NumericValue is not { } v)
            {
                return null;
            }

            return (Unit ?? string.Empty).ToUpperInvariant() switch
            {
                "Y" or "YR" or "YRS" or "YEAR" or "YEARS" => TimeSpan.FromDays(v * 365),
                "MO" or "MON" or "MONTH" or "MONTHS" => TimeSpan.FromDays(v * 30),
                "W" or "WK" or "WEEK" or "WEEKS" => TimeSpan.FromDays(v * 7),
                "D" or "DAY" or "DAYS" => TimeSpan.FromDays(v),
                "H" or "HR" or "HOUR" or "HOURS" => TimeSpan.FromHours(v),
                "M" or "MIN" or "MINUTE" or "MINUTES" => TimeSpan.FromMinutes(v),
                "S" or "SEC" or "SECOND" or "SECONDS" => TimeSpan.FromSeconds(v),
                "MS" or "MILLISECOND" or "MILLISECONDS" => TimeSpan.FromMilliseconds(v),
                _ => null,
            };
        }
    }
}
