namespace ChurnOps.Storage.Metadata;

/// <summary>How timestamps are stored in SQLite: the same ISO-8601 text as every metadata engine (<see cref="MetadataValues"/>).</summary>
internal static class SqliteValues
{
    public static string Timestamp(DateTimeOffset value) => MetadataValues.Timestamp(value);

    public static DateTimeOffset ParseTimestamp(string value) => MetadataValues.ParseTimestamp(value);
}
