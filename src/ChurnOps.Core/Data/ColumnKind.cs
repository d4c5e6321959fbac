namespace ChurnOps.Core.Data;

/// <summary>How a column's values are held in memory: numbers (and flags, timestamps) as doubles, the rest as text.</summary>
public enum ColumnKind
{
    Numeric,
    Boolean,
    /// <summary>Seconds since the Unix epoch, UTC, held as a double.</summary>
    Timestamp,
    Text,
}
