using System.Text.Json;

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
            PredictionJournalEntry? entry;
            try
            {
                entry = line.Length == 0 ? null : JsonSerializer.Deserialize(line, PredictionSpoolJson.Default.PredictionJournalEntry);
            }
            catch (JsonException)
            {
                entry = null;
            }

            if (entry?.Prediction is null)
            {
                return (records, lineNumber);
            }

            records.Add(entry.Prediction with { Journal = new JournalPosition(segment, entry.Sequence) });
        }

        return (records, null);
    }
}
