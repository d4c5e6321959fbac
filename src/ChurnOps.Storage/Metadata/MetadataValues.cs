using System.Globalization;

namespace ChurnOps.Storage.Metadata;

/// <summary>How timestamps are stored on every metadata engine: ISO-8601 UTC text (round-trip "O" format), readable and ordered.</summary>
public static class MetadataValues
{
    public static string Timestamp(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTimestamp(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
