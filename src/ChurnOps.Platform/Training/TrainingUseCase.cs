using System.Globalization;
using ChurnOps.Core.Data;
using ChurnOps.Core.Events;
using ChurnOps.Core.Registry;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Quickstart;
using ChurnOps.Platform.Tracking;
using ChurnOps.Training.Candidates;

namespace ChurnOps.Platform.Training;

/// <summary>
/// Trains every candidate on the same split, logs each as a run (params, metrics, model), applies the gates, and registers
/// the best passing candidate as a new model version with its lineage. A failed gate is recorded, never registered.
/// </summary>
public sealed class TrainingUseCase(ProjectConfig config, IModelRegistry registry, IEventLog events, RunLogger runs, TimeProvider time)
{
    public async Task<ModelTrainingResult> TrainAsync(ModelTrainingJob job, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!job.Data.HasColumn(job.Label))
        {
            return ModelTrainingResult.Failed($"label column '{job.Label}' is not in the data (columns: {string.Join(", ", job.Data.Columns.Select(c => c.Name))})");
        }

        var excluded = job.Data.Columns
            .Where(c => c.Kind == ColumnKind.Timestamp
                || c.Name.Equals(job.Entity, StringComparison.OrdinalIgnoreCase)
                || c.Name.StartsWith('_')
                || config.Model.Exclude.Contains(c.Name, StringComparer.OrdinalIgnoreCase))
            .Select(c => c.Name)
            .Where(n => !n.Equals(job.Label, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var (gates, gateError) = await GateSettings.ReadAsync(registry, config, job.ModelName, cancellationToken).ConfigureAwait(false);
        if (gates is null)
        {
            return ModelTrainingResult.Failed(gateError!);
        }

        var trainers = job.Trainers is { Count: > 0 } ? job.Trainers : config.Model.Trainers;

        var recorder = new TrainingRunRecorder(runs);
        var tags = Tags(job);
        await recorder.BeginAsync(job.Experiment, $"train-{job.ModelName}", new Dictionary<string, string>(tags) { ["churnops.kind"] = "training" }, new Dictionary<string, string>
        {
            ["label"] = job.Label,
            ["seed"] = job.Seed.ToString(CultureInfo.InvariantCulture),
            ["trainers"] = string.Join(",", trainers),
            ["test_fraction"] = config.Model.TestFraction.ToString(CultureInfo.InvariantCulture),
            ["excluded_columns"] = string.Join(",", excluded),
            ["rows"] = job.Data.RowCount.ToString(CultureInfo.InvariantCulture),
        }, cancellationToken).ConfigureAwait(false);
        if (job.TrainingSetHash is not null)
        {
            await recorder.LogInputAsync("training_set", job.TrainingSetHash, config.Model.Table, cancellationToken).ConfigureAwait(false);
        }

        var outcome = await new CandidateTrainer().TrainAsync(
            new TrainingRequest(job.Data, job.Label, excluded, trainers, job.Seed, config.Model.TestFraction, gates) { Time = time },
            progress,
            cancellationToken).ConfigureAwait(false);
        if (!outcome.Succeeded && outcome.Candidates.Count == 0)
        {
            await recorder.FailAsync(cancellationToken).ConfigureAwait(false);
            return ModelTrainingResult.Failed(outcome.Error ?? "training failed");
        }

        var (summaries, runIds, _) = await recorder.CompleteAsync(outcome, tags, cancellationToken).ConfigureAwait(false);
        ModelVersion? registered = null;
        CandidateSummary? winner = null;
        if (outcome.Winner is { } best && outcome.WinnerPackage is { } package)
        {
            winner = summaries.First(s => s.Trainer == best.Trainer);
            if (job.Register)
            {
                var runId = runIds[best.Trainer];
                var artifactPath = await recorder.LogModelAsync(runId, package, cancellationToken).ConfigureAwait(false);
                var metrics = best.TestMetrics.ToDictionary(m => "test_" + m.Key, m => m.Value);
                foreach (var (name, value) in best.ValidationMetrics)
                {
                    metrics["valid_" + name] = value;
                }

                registered = await registry.RegisterAsync(
                    new NewModelVersion(
                        job.ModelName,
                        runId,
                        artifactPath,
                        best.Trainer,
                        metrics,
                        new ModelLineage(job.DatasetVersion, job.FeatureViewVersions, job.TrainingSetHash, CodeVersion(), job.Seed, job.Label, null),
                        job.User,
                        $"{best.Trainer} chosen on validation AUC {winner.ValidationAuc:F4} among {string.Join(", ", trainers)}"),
                    cancellationToken).ConfigureAwait(false);
                await events.AppendAsync($"model.{job.ModelName}.registered", $"{job.ModelName}/{registered.Version}", $"{{\"version\":{registered.Version}}}", cancellationToken).ConfigureAwait(false);
            }
        }

        await recorder.EndAsync(cancellationToken).ConfigureAwait(false);
        return new ModelTrainingResult(true, null, recorder.ExperimentId, recorder.ParentRunId, summaries, winner, registered, excluded);
    }

    private static Dictionary<string, string> Tags(ModelTrainingJob job)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["mlflow.user"] = job.User,
            ["mlflow.source.name"] = "churnops",
            ["churnops.model"] = job.ModelName,
        };
        if (CodeVersion() is { } commit)
        {
            tags["mlflow.source.git.commit"] = commit;
        }

        return tags;
    }

    private static string? CodeVersion() =>
        typeof(TrainingUseCase).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion;
}
