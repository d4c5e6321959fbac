using System.Globalization;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Training;
using ChurnOps.Training.Evaluation;

namespace ChurnOps.Cli.Commands.Train;

/// <summary>Prints a finished training job: the candidate table, the winner and the stored artifacts (or one JSON document).</summary>
internal static class TrainReport
{
    public static void Print(CliConsole console, ModelTrainingJob job, ModelTrainingResult result)
    {
        var outcome = result.Outcome!;
        console.Table(
            ["trainer", "cv auc", "valid auc", "test auc", "test pr-auc", "precision", "recall", "threshold", "seconds", "gates"],
            outcome.Candidates.Select(c => (IReadOnlyList<string>)
            [
                c.Trainer,
                TrainCommand.F(c.ValidationMetrics["cv_auc_mean"]),
                TrainCommand.F(c.ValidationMetrics["auc"]),
                TrainCommand.F(c.TestMetrics["auc"]),
                TrainCommand.F(c.TestMetrics["pr_auc"]),
                TrainCommand.F(c.TestMetrics["precision"]),
                TrainCommand.F(c.TestMetrics["recall"]),
                c.Threshold.ToString("0.000", CultureInfo.InvariantCulture),
                c.TrainingTime.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
                c.PassedGates ? "passed" : string.Join("; ", c.GateFailures),
            ]));
        if (outcome.Winner is { } winner)
        {
            console.Line($"winner: {winner.Trainer} (selected on cv + validation auc {TrainCommand.F(winner.ValidationMetrics["selection_auc"])}; validation auc {TrainCommand.F(winner.ValidationMetrics["auc"])}; test auc {TrainCommand.F(winner.TestMetrics["auc"])})");
            console.Line($"model: {result.ModelArtifact}");
        }

        if (result.Registered is { } registered)
        {
            console.Line($"registered: models:/{registered.ModelName}/{registered.Version} (pending approval: churnops models approve {registered.ModelName} {registered.Version})");
        }

        console.Line($"experiment: {job.Experiment} (id {result.ExperimentId}), run {result.ParentRunId}");
        console.Line($"artifacts: {result.ArtifactRoot}");
        console.WriteJson(new
        {
            succeeded = outcome.Succeeded,
            error = outcome.Error,
            table = job.Table,
            training_set_hash = result.TrainingSet?.TrainingSetHash,
            experiment = job.Experiment,
            experiment_id = result.ExperimentId,
            run_id = result.ParentRunId,
            excluded_columns = result.ExcludedColumns,
            label = job.Label,
            data = outcome.Data,
            winner = outcome.Winner?.Trainer,
            model_artifact = result.ModelArtifact,
            registered_model = result.Registered?.ModelName,
            registered_version = result.Registered?.Version,
            artifacts = result.Artifacts,
            run_params = outcome.RunParams,
            run_metrics = outcome.RunMetrics,
            feature_importance = outcome.FeatureImportance,
            candidates = outcome.Candidates.Select(c => new
            {
                trainer = c.Trainer,
                @params = c.Params,
                validation_metrics = c.ValidationMetrics,
                test_metrics = c.TestMetrics,
                threshold = c.Threshold,
                passed_gates = c.PassedGates,
                gate_failures = c.GateFailures,
                training_seconds = c.TrainingTime.TotalSeconds,
            }),
        });
    }
}
