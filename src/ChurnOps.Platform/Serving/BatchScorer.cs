using ChurnOps.Core.Data;
using ChurnOps.Core.Warehouse;
using ChurnOps.Platform.Monitoring;

namespace ChurnOps.Platform.Serving;

/// <summary>Scores every row of a warehouse query with an aliased model and logs the predictions (source = batch).</summary>
public sealed class BatchScorer(IWarehouse warehouse, ServedModelCache models, PredictionWriter writer, TimeProvider time)
{
    public async Task<BatchScoreResult> ScoreQueryAsync(string modelName, string alias, string sql, string entityColumn, CancellationToken cancellationToken)
    {
        var (served, error) = await models.GetAsync(modelName, alias, cancellationToken).ConfigureAwait(false);
        if (served is null)
        {
            return new BatchScoreResult(false, error, modelName, 0, 0, 0, 0);
        }

        TabularData data;
        try
        {
            data = await warehouse.QueryAsync(sql, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            return new BatchScoreResult(false, "batch query failed: " + ex.Message.ReplaceLineEndings(" "), modelName, served.Version.Version, 0, 0, 0);
        }

        var missing = served.Engine.Signature.Inputs.Where(i => !data.HasColumn(i.Name)).Select(i => i.Name).ToList();
        if (missing.Count > 0)
        {
            return new BatchScoreResult(false, $"batch input lacks column(s) the model needs: {string.Join(", ", missing)}", modelName, served.Version.Version, 0, 0, 0);
        }

        var probabilities = served.Engine.ScoreBatch(data);
        var threshold = served.Engine.Threshold;
        var entities = data.TryGetColumn(entityColumn, out var entity) ? entity : null;
        var now = time.GetUtcNow();
        var records = new List<PredictionRecord>(probabilities.Length);
        long positive = 0;
        double sum = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var label = probabilities[i] >= threshold;
            positive += label ? 1 : 0;
            sum += probabilities[i];
            records.Add(new PredictionRecord(Guid.CreateVersion7(now).ToString("N"), modelName, served.Version.Version, EntityText(entities, i), probabilities[i], label, "batch", now, null)
            {
                InputRow = new PredictionInputRow(data, i),
            });
        }

        await writer.AppendAsync(records, cancellationToken).ConfigureAwait(false);
        return new BatchScoreResult(true, null, modelName, served.Version.Version, probabilities.Length, positive, probabilities.Length == 0 ? 0 : sum / probabilities.Length);
    }

    private static string? EntityText(TabularColumn? column, int row) => column switch
    {
        null => null,
        { Texts: { } texts } => texts[row],
        { Numbers: { } numbers } => double.IsNaN(numbers[row]) ? null : numbers[row].ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };
}
