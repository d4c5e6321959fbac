using System.Globalization;
using ChurnOps.Core.Data;
using ChurnOps.Core.Registry;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Quickstart;
using ChurnOps.Platform.Tracking;
using ChurnOps.Training;

namespace ChurnOps.Platform.Training;

/// <summary>
/// Trains every candidate on the same split, logs each as a run (params, metrics, model), applies the gates, and registers
/// the best passing candidate as a new model version with its lineage. A failed gate is recorded, never registered.
/// </summary>
public sealed class TrainingUseCase(ChurnOpsWorkspace workspace)
{
    public async Task<ModelTrainingResult> TrainAsync(ModelTrainingJob job, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!job.Data.HasColumn(job.Label))
        {
            return ModelTrainingResult.Failed($"label column '{job.Label}' is not in the data (columns: {string.Join(", ", job.Data.Columns.Select(c => c.Name))})");
        }

        var config = workspace.Config;
        var excluded = job.Data.Columns
            .Where(c => c.Kind == ColumnKind.Timestamp
                || c.Name.Equals(job.Entity, StringComparison.OrdinalIgnoreCase)
                || c.Name.StartsWith('_')
                || config.Model.Exclude.Contains(c.Name, StringComparer.OrdinalIgnoreCase))
            .Select(c => c.Name)
            .Where(n => !n.Equals(job.Label, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var champion = await workspace.Registry.GetByAliasAsync(job.ModelName, config.Serving.Alias, cancellationToken).ConfigureAwait(false);
        var gates = new EvaluationGates(
            Gate(config, "min_auc"),
            Gate(config, "min_precision"),
            Gate(config, "min_recall"),
            Gate(config, "max_latency_ms"),
            Gate(config, "must_beat_champion_by"),
            champion?.Metrics.TryGetValue("test_auc", out var championAuc) == true ? championAuc : null);
        var trainers = job.Trainers is { Count: > 0 } ? job.Trainers : config.Model.Trainers;

        var runs = new RunLogger(workspace);
        var experimentId = await runs.GetOrCreateExperimentAsync(job.Experiment, cancellationToken).ConfigureAwait(false);
        var parentRunId = await runs.StartRunAsync(experimentId, $"train-{job.ModelName}", Tags(job, ("churnops.kind", "training")), cancellationToken).ConfigureAwait(false);
        await runs.LogParamsAsync(parentRunId, new Dictionary<string, string>
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
            await runs.LogInputAsync(parentRunId, "training_set", job.TrainingSetHash, config.Model.Table, cancellationToken).ConfigureAwait(false);
        }

        var outcome = await new CandidateTrainer().TrainAsync(
            new TrainingRequest(job.Data, job.Label, excluded, trainers, job.Seed, config.Model.TestFraction, gates),
            progress,
            cancellationToken).ConfigureAwait(false);
        if (!outcome.Succeeded)
        {
            await runs.EndRunAsync(parentRunId, "FAILED", cancellationToken).ConfigureAwait(false);
            return ModelTrainingResult.Failed(outcome.Error ?? "training failed");
        }

        var summaries = new List<CandidateSummary>();
        var runIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var candidate in outcome.Candidates)
        {
            var runId = await runs.StartRunAsync(experimentId, candidate.Trainer, Tags(job, ("mlflow.parentRunId", parentRunId), ("churnops.trainer", candidate.Trainer), ("churnops.gates", candidate.PassedGates ? "passed" : "failed")), cancellationToken).ConfigureAwait(false);
            runIds[candidate.Trainer] = runId;
            await runs.LogParamsAsync(runId, candidate.Params, cancellationToken).ConfigureAwait(false);
            var metrics = candidate.ValidationMetrics.ToDictionary(m => "valid_" + m.Key, m => m.Value);
            foreach (var (name, value) in candidate.TestMetrics)
            {
                metrics["test_" + name] = value;
            }

            metrics["threshold"] = candidate.Threshold;
            metrics["training_seconds"] = candidate.TrainingTime.TotalSeconds;
            await runs.LogMetricsAsync(runId, metrics, 0, cancellationToken).ConfigureAwait(false);
            if (!candidate.PassedGates)
            {
                await runs.SetTagsAsync(runId, new Dictionary<string, string> { ["churnops.gate_failures"] = string.Join("; ", candidate.GateFailures) }, cancellationToken).ConfigureAwait(false);
            }

            await runs.EndRunAsync(runId, "FINISHED", cancellationToken).ConfigureAwait(false);
            summaries.Add(new CandidateSummary(
                candidate.Trainer,
                runId,
                Metric(candidate.TestMetrics, "auc"),
                Metric(candidate.TestMetrics, "accuracy"),
                Metric(candidate.TestMetrics, "precision"),
                Metric(candidate.TestMetrics, "recall"),
                Metric(candidate.ValidationMetrics, "auc"),
                candidate.PassedGates,
                candidate.GateFailures));
        }

        ModelVersion? registered = null;
        CandidateSummary? winner = null;
        if (outcome.Winner is { } best && outcome.WinnerPackage is { } package)
        {
            winner = summaries.First(s => s.Trainer == best.Trainer);
            if (job.Register)
            {
                var runId = runIds[best.Trainer];
                var artifactPath = await runs.LogArtifactAsync(runId, "model/model.zip", package.SaveAsync, cancellationToken).ConfigureAwait(false);
                var metrics = best.TestMetrics.ToDictionary(m => "test_" + m.Key, m => m.Value);
                foreach (var (name, value) in best.ValidationMetrics)
                {
                    metrics["valid_" + name] = value;
                }

                registered = await workspace.Registry.RegisterAsync(
                    new NewModelVersion(
                        job.ModelName,
                        runId,
                        artifactPath,
                        best.Trainer,
                        metrics,
                        new ModelLineage(job.DatasetVersion, job.FeatureViewVersions, job.TrainingSetHash, CodeVersion(), job.Seed, job.Label, null),
                        job.User,
                        $"{best.Trainer} chosen on validation AUC {Metric(best.ValidationMetrics, "auc"):F4} among {string.Join(", ", trainers)}"),
                    cancellationToken).ConfigureAwait(false);
                await workspace.Events.AppendAsync($"model.{job.ModelName}.registered", $"{job.ModelName}/{registered.Version}", $"{{\"version\":{registered.Version}}}", cancellationToken).ConfigureAwait(false);
            }
        }

        await runs.EndRunAsync(parentRunId, "FINISHED", cancellationToken).ConfigureAwait(false);
        return new ModelTrainingResult(true, null, experimentId, parentRunId, summaries, winner, registered, excluded);
    }

    private static double? Gate(ProjectConfig config, string name) => config.Gates.TryGetValue(name, out var value) ? value : null;

    private static double Metric(IReadOnlyDictionary<string, double> metrics, string name) => metrics.TryGetValue(name, out var value) ? value : double.NaN;

    private static Dictionary<string, string> Tags(ModelTrainingJob job, params (string Key, string Value)[] extra)
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

        foreach (var (key, value) in extra)
        {
            tags[key] = value;
        }

        return tags;
    }

    private static string? CodeVersion() =>
        typeof(TrainingUseCase).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion;
}
