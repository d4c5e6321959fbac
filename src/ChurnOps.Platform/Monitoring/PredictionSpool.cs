using System.Globalization;
using System.Text.Json;
using ChurnOps.Storage.Files;

namespace ChurnOps.Platform.Monitoring;

/// <summary>
/// Predictions the warehouse would not take before shutdown, one JSON object per line, each file written whole or not at
/// all (<see cref="AtomicFile"/>).
/// </summary>
internal sealed class PredictionSpool(string directory, TimeProvider time)
{
    private const string Extension = ".jsonl";

    public IEnumerable<string> Files() =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "predictions-*" + Extension).Order(StringComparer.Ordinal)
            : [];

    /// <summary>The spool's size on disk; a file replayed (deleted) while it is counted adds nothing.</summary>
    public long Bytes()
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        long total = 0;
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles("predictions-*" + Extension))
        {
            total += file.Exists ? file.Length : 0;
        }

        return total;
    }

    public async Task<string> WriteAsync(IReadOnlyList<PredictionRecord> records, CancellationToken cancellationToken)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"predictions-{time.GetUtcNow():yyyyMMddHHmmssfff}-{Guid.NewGuid():N}{Extension}");
        var path = Path.Combine(directory, name);
        await AtomicFile.WriteAsync(path, async (stream, ct) =>
        {
            await using var writer = new StreamWriter(stream, leaveOpen: true);
            var inputs = new PredictionInputsJson();
            foreach (var record in records)
            {
                // A record that still carries its scored row is spooled with that row written out as its inputs JSON.
                var whole = record.InputRow is null ? record : record with { InputsJson = inputs.For(record), InputRow = null };
                await writer.WriteLineAsync(JsonSerializer.Serialize(whole, PredictionSpoolJson.Default.PredictionRecord)).ConfigureAwait(false);
            }

            await writer.FlushAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return path;
    }

    public static async Task<List<PredictionRecord>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var records = new List<PredictionRecord>();
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            if (line.Length > 0)
            {
                records.Add(JsonSerializer.Deserialize(line, PredictionSpoolJson.Default.PredictionRecord)
                    ?? throw new InvalidDataException($"spool file '{path}' has an empty record"));
            }
        }

        return records;
    }
}
