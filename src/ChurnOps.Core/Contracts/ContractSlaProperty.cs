namespace ChurnOps.Core.Contracts;

/// <summary>One ODCS <c>slaProperties</c> entry: freshness 24 h, completeness 99 percent, availability…</summary>
public sealed record ContractSlaProperty(string Property, string Value, string? Unit, string? Element)
{
    public double? NumericValue => double.TryParse(Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>The value as a duration when the unit is a time unit (d, h, m, s and their long forms).</summary>
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
                "D" or "DAY" or "DAYS" => TimeSpan.FromDays(v),
                "H" or "HR" or "HOUR" or "HOURS" => TimeSpan.FromHours(v),
                "M" or "MIN" or "MINUTE" or "MINUTES" => TimeSpan.FromMinutes(v),
                "S" or "SEC" or "SECOND" or "SECONDS" => TimeSpan.FromSeconds(v),
                _ => null,
            };
        }
    }
}
