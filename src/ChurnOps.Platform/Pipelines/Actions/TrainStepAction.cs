using System.Globalization;
using ChurnOps.Core.Pipelines;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Training;

namespace ChurnOps.Platform.Pipelines.Actions;

/// <summary>
/// <c>run: train</c>: the Train use case (candidates, gates, tracked runs; the winner is registered). A training where no
/// candidate passes the gates fails the step, so nothing downstream ships it. Args: <c>experiment</c>, <c>table</c>,
/// <c>label</c>, <c>seed</c>, <c>trainers</c>, <c>dataset_version</c>. Outputs <c>run_id</c> (the winner's run),
/// <c>parent_run_id</c>, <c>experiment_id</c>, <c>trainer</c>, <c>gates_passed</c>, <c>model_name</c>, <c>model_version</c>.
/// </summary>
internal sealed class TrainStepAction(TrainingUseCase training, ProjectConfig config) : IPipelineStepAction
{
    public string Name => "train";

    public IReadOnlyList<string> Arguments { get; } = ["experiment", "table", "label", "seed", "trainers", "dataset_version"];

    public async Task<StepOutcome> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var seedText = context.Arg("seed");
        var seed = config.Model.Seed;
        if (seedText is not null && !int.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
        {
            return StepOutcome.Failure($"train: seed '{seedText}' is not a whole number");
        }

        var job = new ModelTrainingJob(context.Arg("table"), config.Model.Name, context.Arg("label", config.Model.Label)!, context.Arg("experiment", "pipelines")!, seed, $"pipeline:{context.Run.Pipeline}")
        {
            Trainers = context.Arg("trainers")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
            DatasetVersion = context.Arg("dataset_version"),
        };
        var result = await training.TrainAsync(job, new Progress<string>(context.Log), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return StepOutcome.Failure("train: " + result.Error);
        }

        foreach (var candidate in result.Candidates)
        {
            context.Log($"{candidate.Trainer}: validation AUC {candidate.ValidationAuc.ToString("F4", CultureInfo.InvariantCulture)}{(candidate.GateFailures.Count == 0 ? ", gates passed" : ", gates failed: " + string.Join(", ", candidate.GateFailures))}");
        }

        if (result.Winner is not { } winner)
        {
            return StepOutcome.Failure("train: no candidate passed the evaluation gates: " + string.Join("; ", result.Candidates.Select(c => $"{c.Trainer}: {string.Join(", ", c.GateFailures)}")));
        }

        var outputs = new Dictionary<string, string>
        {
            ["run_id"] = winner.RunId,
            ["parent_run_id"] = result.ParentRunId ?? string.Empty,
            ["experiment_id"] = result.ExperimentId,
            ["trainer"] = winner.Trainer,
            ["gates_passed"] = "true",
            ["model_name"] = config.Model.Name,
        };
        if (result.Registered is { } registered)
        {
            outputs["model_version"] = registered.Version.ToString(CultureInfo.InvariantCulture);
            context.Log($"registered {registered.ModelName} version {registered.Version}");
        }

        return StepOutcome.Success(outputs);
    }
}
