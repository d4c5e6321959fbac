using System.Globalization;
using ChurnOps.Core.Artifacts;
using ChurnOps.Core.Pipelines;
using ChurnOps.Core.Registry;
using ChurnOps.Core.Warehouse;
using ChurnOps.Platform.Monitoring;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Serving;

namespace ChurnOps.Platform.Pipelines.Actions;

/// <summary>
/// <c>run: score.batch</c>: scores every entity's newest feature row with the model behind an alias and logs the
/// predictions to monitoring.predictions (as the quickstart's score stage). Args: <c>model</c>, <c>alias</c>.
/// Outputs <c>rows</c>, <c>model_version</c>, <c>mean_probability</c>.
/// </summary>
internal sealed class ScoreBatchStepAction(ProjectConfig config, IWarehouse warehouse, IModelRegistry registry, IArtifactStore artifacts, PredictionWriter writer, TimeProvider time) : IPipelineStepAction
{
    public string Name => "score.batch";

    public IReadOnlyList<string> Arguments { get; } = ["model", "alias"];

    public async Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var model = config.Model;
        var dot = model.Table.IndexOf('.', StringComparison.Ordinal);
        var (schema, view) = dot >= 0 ? (model.Table[..dot], model.Table[(dot + 1)..]) : ("features", model.Table);
        var scorer = new BatchScorer(warehouse, new ServedModelCache(config, registry, artifacts, time), writer, time);
        var latest = $"SELECT DISTINCT ON ({SqlIdentifier.Quote(model.Entity)}) * FROM {SqlIdentifier.Qualified(schema, view)} ORDER BY {SqlIdentifier.Quote(model.Entity)}, event_timestamp DESC";
        var scored = await scorer.ScoreQueryAsync(context.Arg("model", model.Name)!, context.Arg("alias", config.Serving.Alias)!, latest, model.Entity, cancellationToken).ConfigureAwait(false);
        if (!scored.Succeeded)
        {
            return StepOutcome.Failure("batch score: " + scored.Error);
        }

        context.Log($"{scored.Rows} rows scored with {scored.ModelName} version {scored.ModelVersion}; mean probability {scored.MeanProbability.ToString("F4", CultureInfo.InvariantCulture)}");
        return StepOutcome.Success(new Dictionary<string, string>
        {
            ["rows"] = scored.Rows.ToString(CultureInfo.InvariantCulture),
            ["model_version"] = scored.ModelVersion.ToString(CultureInfo.InvariantCulture),
            ["mean_probability"] = scored.MeanProbability.ToString("R", CultureInfo.InvariantCulture),
        });
    }
}
