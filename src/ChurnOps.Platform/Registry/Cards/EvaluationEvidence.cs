using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Training;
using ChurnOps.Training.Candidates;
using ChurnOps.Training.Evaluation;

namespace ChurnOps.Platform.Registry.Cards;

/// <summary>A version's recorded evaluation: how it was trained, and its held-out rows, labels and scores.</summary>
public sealed record EvaluationEvidence(TrainingRecipe Recipe, HeldOutEvidence HeldOut)
{
    public const string FileName = "evaluation_evidence.json";

    /// <summary>The evidence of a training's winner; null when there is no winner.</summary>
    internal static EvaluationEvidence? Of(ModelTrainingJob job, TrainingRequest request, TrainingRows rows, TrainingOutcome outcome, ProjectConfig config, string? codeVersion)
    {
        if (outcome.Winner is not { } winner || outcome.Evidence is not { } held)
        {
            return null;
        }

        var model = config.Model;
        var dot = model.Table.IndexOf('.', StringComparison.Ordinal);
        var recipe = new TrainingRecipe(
            job.Table,
            rows.Source,
            request.LabelColumn,
            model.Labels,
            model.Entity,
            model.LabelTime,
            dot >= 0 ? model.Table[(dot + 1)..] : model.Table,
            request.ExcludeColumns,
            winner.Trainer,
            winner.Params,
            request.Trainers,
            request.Seed,
            request.TestFraction,
            request.ValidationFraction,
            request.SearchTrials,
            request.CrossValidationFolds,
            request.CardinalityCap,
            request.Threshold.TargetPrecision,
            codeVersion,
            rows.TrainingSet?.TrainingSetHash ?? outcome.Data.Digest,
            rows.TrainingSet?.FeatureViewVersions ?? new Dictionary<string, string>(),
            job.DatasetVersion,
            outcome.Data.Rows,
            outcome.Data.Positives,
            outcome.Data.TrainRows,
            outcome.Data.ValidationRows,
            outcome.Data.TestRows,
            outcome.Data.ColumnsUsed)
        {
            TestTable = job.TestTable,
            PositiveLabel = request.PositiveLabel,
        };
        return new EvaluationEvidence(recipe, held);
    }
}
