using System.Collections;
using ChurnOps.Platform.Monitoring;

namespace ChurnOps.Platform.Serving.Files;

/// <summary>
/// The predictions of a file run as records made on demand while the appender walks them, so logging a million rows
/// does not first build a million records.
/// </summary>
internal sealed class LoggedPredictions(IReadOnlyList<CsvChunkResult> chunks, string modelName, int modelVersion, DateTimeOffset scoredAt, double threshold)
    : IReadOnlyList<PredictionRecord>
{
    public const string Source = "batch";

    public int Count { get; } = chunks.Sum(c => c.Rows);

    public PredictionRecord this[int index]
    {
        get
        {
            foreach (var chunk in chunks)
            {
                if (index < chunk.Rows)
                {
                    return Make(chunk, index);
                }

                index -= chunk.Rows;
            }

            throw new ArgumentOutOfRangeException(nameof(index));
        }
    }

    public IEnumerator<PredictionRecord> GetEnumerator()
    {
        foreach (var chunk in chunks)
        {
            for (var r = 0; r < chunk.Rows; r++)
            {
                yield return Make(chunk, r);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private PredictionRecord Make(CsvChunkResult chunk, int row)
    {
        var probability = chunk.Probabilities![row];
        return new PredictionRecord(Guid.CreateVersion7(scoredAt).ToString("N"), modelName, modelVersion, chunk.Ids?[row], probability, probability >= threshold, Source, scoredAt, null)
        {
            InputRow = chunk.Inputs is { } inputs ? new PredictionInputRow(inputs, row) : null,
        };
    }
}
