namespace ChurnOps.Platform.Monitoring;

/// <summary>Where a prediction sits in the write-ahead journal: its segment file and its sequence number there.</summary>
public readonly record struct JournalPosition(string Segment, long Sequence);
