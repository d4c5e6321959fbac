using System.Globalization;

namespace ChurnOps.Storage.Metadata;

/// <summary>How timestamps are stored in SQLite: ISO-8601 text for humans, plus epoch milliseconds where ordering matters.</summary>
internal static class SqliteValues
{
    public static string Timestamp(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTimestamp(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
