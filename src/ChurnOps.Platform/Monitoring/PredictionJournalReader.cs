namespace ChurnOps.Platform.Monitoring;

/// <summary>
/// Reads a journal segment back. A crash can tear only the last group, whose requests were never answered, so reading
/// stops at the first line that does not parse and keeps everything before it.
/// </summary>
internal static class PredictionJournalReader
{
    public static async Task<(List<PredictionRecord> Records, int? TornAtLine)> ReadAsync(string path, string segment, CancellationToken cancellationToken)
    {
        var records = new List<PredictionRecord>();
        var lineNumber = 0;
        using var reader = new StreamReader(path);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (PredictionJournalLines.Parse(line, segment) is not { } record)
            {
                return (records, lineNumber);
            }

            records.Add(record);
        }

        return (records, null);
    }
}
