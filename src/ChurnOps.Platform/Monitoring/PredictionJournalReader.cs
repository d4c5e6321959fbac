namespace ChurnOps.Platform.Monitoring;

/// <summary>
/// Reads a journal segment back. Its lines end at the first zero byte (segments are zero-filled before use). A crash can
/// tear only the last group, whose requests were never answered, so reading stops at the first line that does not parse
/// and keeps everything before it.
/// </summary>
internal static class PredictionJournalReader
{
    public static async Task<(List<PredictionRecord> Records, int? TornAtLine)> ReadAsync(string path, string segment, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var records = new List<PredictionRecord>();
        var lineNumber = 0;
        for (var start = 0; start < bytes.Length && bytes[start] != 0;)
        {
            lineNumber++;
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            var line = bytes.AsMemory(start, (end < 0 ? bytes.Length : end) - start);
            if (PredictionJournalLines.Parse(line, segment) is not { } record)
            {
                return (records, lineNumber);
            }

            records.Add(record);
            start = end < 0 ? bytes.Length : end + 1;
        }

        return (records, null);
    }
}
