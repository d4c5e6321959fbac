using System.Globalization;
using ChurnOps.Core.Warehouse;
using ChurnOps.Platform.Monitoring.Live;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Platform.Monitoring.Labels;

/// <summary>
/// Joins logged predictions to the labels that arrived for them (model.labels, as `churnops ingest labels FILE` loads
/// it): a prediction takes the first label of its customer observed at or after its scoring time and within the label
/// horizon. Realised AUC, precision and recall follow per window and model version; labels of customers the model never
/// scored are counted and sampled, not an error.
/// </summary>
public sealed class RealisedPerformanceReader(IWarehouse warehouse, ProjectConfig config)
{
    private const int UnknownSamples = 5;

    /// <param name="end">The end of the newest window.</param>
    /// <param name="window">Each window's length; <paramref name="windows"/> windows back from <paramref name="end"/>.</param>
    public async Task<RealisedPerformanceReport> ReadAsync(string model, int? version, DateTimeOffset end, TimeSpan window, int windows, TimeSpan horizon, CancellationToken ct)
    {
        var settings = config.Model;
        var dot = settings.Labels.IndexOf('.', StringComparison.Ordinal);
        var (schema, table) = (settings.Labels[..dot], settings.Labels[(dot + 1)..]);
        if (!await warehouse.TableExistsAsync(schema, table, ct).ConfigureAwait(false))
        {
            return RealisedPerformanceReport.None($"no labels yet ({settings.Labels} does not exist; load them with `churnops ingest {table} FILE`)");
        }

        if (!await warehouse.TableExistsAsync(PredictionTable.Schema, PredictionTable.Name, ct).ConfigureAwait(false))
        {
            return RealisedPerformanceReport.None("no predictions have been logged yet");
        }

        var columns = (await warehouse.DescribeAsync(schema, table, ct).ConfigureAwait(false)).Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = new[] { settings.Entity, settings.LabelTime, settings.Label }.Where(c => !columns.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            return RealisedPerformanceReport.None($"{settings.Labels} has no column {string.Join(", ", missing)}; realised performance needs model.entity, model.label_time and model.label");
        }

        var labels = $"""
            SELECT CAST({SqlIdentifier.Quote(settings.Entity)} AS VARCHAR) AS entity,
                   CAST({SqlIdentifier.Quote(settings.LabelTime)} AS TIMESTAMP) AS label_time,
                   {warehouse.Dialect.TryCast(SqlIdentifier.Quote(settings.Label), "INTEGER")} AS actual
            FROM {SqlIdentifier.Qualified(schema, table)}
            """;
        var from = end - (window * windows);
        var horizonSeconds = ((long)horizon.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var joined = await warehouse.QueryAsync($"""
            WITH l AS ({labels}),
            p AS (SELECT prediction_id, model_version, entity_id, probability, label, scored_at FROM monitoring.predictions WHERE {LiveWindowQuery.Filter(model, version, from, end)})
            SELECT model_version, scored_at, probability, predicted, actual FROM (
                SELECT DISTINCT ON (p.prediction_id) p.prediction_id, p.model_version, p.scored_at, p.probability, CAST(p.label AS INTEGER) AS predicted, l.actual
                FROM p LEFT JOIN l ON l.entity = p.entity_id AND l.label_time >= p.scored_at AND l.label_time < p.scored_at + INTERVAL '{horizonSeconds} seconds'
                    AND l.actual IN (0, 1)
                ORDER BY p.prediction_id, l.label_time NULLS LAST) __first
            """, ct).ConfigureAwait(false);

        var unknown = await warehouse.QueryAsync($"""
            WITH l AS ({labels})
            SELECT entity FROM l
            WHERE NOT EXISTS (SELECT 1 FROM monitoring.predictions p WHERE p.model_name = {SqlIdentifier.Literal(model)} AND p.entity_id = l.entity)
            ORDER BY entity
            """, ct).ConfigureAwait(false);
        var unknownSamples = unknown.Columns[0].Texts!.Take(UnknownSamples).Select(e => e ?? "(null)").ToList();

        var groups = new Dictionary<(int Version, int Window), List<int>>();
        var versions = joined.Columns[0].Numbers!;
        var scoredAt = joined.Columns[1].Numbers!;
        for (var i = 0; i < joined.RowCount; i++)
        {
            var age = end - LiveWindowQuery.FromEpochSeconds(scoredAt[i]);
            var k = LiveWindowQuery.WindowOf(age, window, windows);
            var key = ((int)versions[i], k);
            if (!groups.TryGetValue(key, out var rows))
            {
                groups[key] = rows = [];
            }

            rows.Add(i);
        }

        var probabilities = joined.Columns[2].Numbers!;
        var predicted = joined.Columns[3].Numbers!;
        var actual = joined.Columns[4].Numbers!;
        var result = new List<RealisedWindow>();
        foreach (var ((armVersion, k), rows) in groups.OrderBy(g => g.Key.Version).ThenByDescending(g => g.Key.Window))
        {
            var labelled = rows.Where(i => !double.IsNaN(actual[i])).ToList();
            var scores = labelled.Select(i => probabilities[i]).ToArray();
            var truth = labelled.Select(i => actual[i] == 1).ToArray();
            var decisions = labelled.Select(i => predicted[i] == 1).ToArray();
            var (precision, recall) = BinaryOutcomeMetrics.PrecisionRecall(decisions, truth);
            result.Add(new RealisedWindow(
                armVersion,
                end - (window * (k + 1)),
                end - (window * k),
                rows.Count,
                labelled.Count,
                truth.LongCount(t => t),
                BinaryOutcomeMetrics.Auc(scores, truth),
                precision,
                recall));
        }

        return new RealisedPerformanceReport(result, unknown.RowCount, unknownSamples,
            result.Count == 0 ? "no predictions in the windows" : result.All(w => w.Labelled == 0) ? "no labels have arrived for these predictions yet" : null);
    }
}
