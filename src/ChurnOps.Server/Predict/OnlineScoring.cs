using System.Globalization;
using ChurnOps.Core.Data;
using ChurnOps.Platform.Monitoring;
using ChurnOps.Platform.Serving;

namespace ChurnOps.Server.Predict;

/// <summary>
/// Scores a checked table with the served model's pooled engine and logs every row to the prediction log before the
/// answer goes out, exactly as the Open Inference Protocol endpoint does, for the MLflow and native protocols.
/// </summary>
internal static class OnlineScoring
{
    /// <summary>Probabilities and decisions in row order; throws <see cref="IOException"/> when the prediction log refuses them (journal failure).</summary>
    public static async Task<(float[] Probabilities, bool[] Decisions)> ScoreAndLogAsync(
        ServedModel served, TabularData data, string requestId, string entity, PredictionLog log, TimeProvider time, CancellationToken ct)
    {
        var probabilities = served.Engine.ScoreBatch(data);
        var threshold = served.Engine.Threshold;
        var decisions = new bool[probabilities.Length];
        for (var i = 0; i < decisions.Length; i++)
        {
            decisions[i] = probabilities[i] >= threshold;
        }

        var now = time.GetUtcNow();
        var entities = data.TryGetColumn(entity, out var column) ? column.Texts : null;
        var records = new PredictionRecord[probabilities.Length];
        for (var row = 0; row < records.Length; row++)
        {
            var id = records.Length == 1 ? requestId : requestId + "-" + row.ToString(CultureInfo.InvariantCulture);
            records[row] = new PredictionRecord(id, served.Version.ModelName, served.Version.Version, entities?[row], probabilities[row], decisions[row], "online", now, null)
            {
                InputRow = new PredictionInputRow(data, row),
            };
        }

        await log.RecordAsync(records, ct).ConfigureAwait(false);
        return (probabilities, decisions);
    }

    /// <summary>The client's request id when it sent a usable one (x-request-id), else a fresh time-ordered one.</summary>
    public static string RequestId(HttpRequest http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var sent = http.Headers["x-request-id"].ToString();
        return sent.Length is > 0 and <= 128 && !sent.Any(char.IsControl) ? sent : Guid.CreateVersion7().ToString("N");
    }
}
