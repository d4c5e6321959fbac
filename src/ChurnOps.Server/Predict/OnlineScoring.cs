using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ChurnOps.Core.Data;
using ChurnOps.Platform.Monitoring;
using ChurnOps.Platform.Serving;
using ChurnOps.Server.Deployments;

namespace ChurnOps.Server.Predict;

/// <summary>
/// Scores a checked table with the served model's pooled engine and logs every row to the prediction log before the
/// answer goes out, exactly as the Open Inference Protocol endpoint does, for the MLflow and native protocols.
/// </summary>
internal static class OnlineScoring
{
    /// <summary>
    /// Scores with the alias's model, or with the arm an open deployment routes the request to (sticky by the first row's
    /// entity id), and logs every row with its deployment and arm; throws <see cref="IOException"/> when the prediction
    /// log refuses them (journal failure). The arm's counters feed the canary analysis as the OIP endpoint's do.
    /// </summary>
    /// <param name="exactVersion">The version a route named (never split by a deployment); null for the alias.</param>
    /// <param name="parameters">The request's parameters, where an OIP client may carry the entity id for sticky routing.</param>
    /// <param name="started">When the request arrived (<see cref="Stopwatch.GetTimestamp"/>): the arm's latency counts from there.</param>
    public static async Task<OnlineScore> ScoreAndLogAsync(
        DeploymentRouting routing, string model, string? exactVersion, IReadOnlyDictionary<string, JsonElement>? parameters, ServedModel served, TabularData data,
        string requestId, string entity, PredictionLog log, TimeProvider time, long started, CancellationToken ct)
    {
        var (scoredBy, probabilities, arm) = await routing.ScoreAsync(model, exactVersion, served, data, entity, parameters, ct).ConfigureAwait(false);
        var threshold = scoredBy.Engine.Threshold;
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
            records[row] = new PredictionRecord(id, scoredBy.Version.ModelName, scoredBy.Version.Version, entities?[row], probabilities[row], decisions[row], "online", now, null)
            {
                InputRow = new PredictionInputRow(data, row),
                DeploymentId = arm?.Deployment.Id,
                Arm = arm?.Arm,
            };
        }

        try
        {
            await log.RecordAsync(records, ct).ConfigureAwait(false);
        }
        catch (IOException)
        {
            arm?.Counters.Failed();
            throw;
        }

        arm?.Counters.Succeeded(Stopwatch.GetElapsedTime(started).TotalMilliseconds, probabilities);
        return new OnlineScore(scoredBy, probabilities, decisions, arm);
    }

    /// <summary>The client's request id when it sent a usable one (x-request-id), else a fresh time-ordered one.</summary>
    public static string RequestId(HttpRequest http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var sent = http.Headers["x-request-id"].ToString();
        return sent.Length is > 0 and <= 128 && !sent.Any(char.IsControl) ? sent : Guid.CreateVersion7().ToString("N");
    }
}
