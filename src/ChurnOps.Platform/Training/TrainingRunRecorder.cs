using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Quickstart;
using ChurnOps.Platform.Tracking;
using ChurnOps.Training.Candidates;
using ChurnOps.Training.Packaging;

namespace ChurnOps.Platform.Training;

/// <summary>
/// Records a training as MLflow-shaped runs: a parent run (params, dataset input, plots and reports) and one child run per
/// candidate (its params, validation and test metrics, search history, gate verdict). Every training path goes through
/// here, so `churnops train` and the quickstart show up alike for ChurnOps and MLflow clients.
/// </summary>
public sealed class TrainingRunRecorder(RunLogger runs)
{
    private readonly RunLogger _runs = runs ?? throw new ArgumentNullException(nameof(runs));

    public string ExperimentId { get; private set; } = string.Empty;

    public string ParentRunId { get; private set; } = string.Empty;

    public async Task BeginAsync(string experiment, string runName, IReadOnlyDictionary<string, string> tags, IReadOnlyDictionary<string, string> parameters, CancellationToken ct)
    {
        ExperimentId = await _runs.GetOrCreateExperimentAsync(experiment, ct).ConfigureAwait(false);
        ParentRunId = await _runs.StartRunAsync(ExperimentId, runName, tags, ct).ConfigureAwait(false);
        await _runs.LogParamsAsync(ParentRunId, parameters, ct).ConfigureAwait(false);
    }

    public Task LogInputAsync(string name, string digest, string source, CancellationToken ct) =>
        _runs.LogInputAsync(ParentRunId, name, digest, source, ct);

    public Task FailAsync(CancellationToken ct) => _runs.EndRunAsync(ParentRunId, "FAILED", ct);

    /// <summary>Logs every candidate as a child run and the outcome's artifacts on the parent; returns the summaries and each candidate's run id.</summary>
    public async Task<(IReadOnlyList<CandidateSummary> Summaries, IReadOnlyDictionary<string, string> RunIds, IReadOnlyList<string> Artifacts)> CompleteAsync(
        TrainingOutcome outcome, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var summaries = new List<CandidateSummary>();
        var runIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var candidate in outcome.Candidates)
        {
            var childTags = new Dictionary<string, string>(tags, StringComparer.Ordinal)
            {
                ["mlflow.parentRunId"] = ParentRunId,
                ["churnops.trainer"] = candidate.Trainer,
                ["churnops.gates"] = candidate.PassedGates ? "passed" : "failed",
            };
            if (!candidate.PassedGates)
            {
                childTags["churnops.gate_failures"] = string.Join("; ", candidate.GateFailures);
            }

            var runId = await _runs.StartRunAsync(ExperimentId, candidate.Trainer, childTags, ct).ConfigureAwait(false);
            runIds[candidate.Trainer] = runId;
            await _runs.LogParamsAsync(runId, candidate.Params, ct).ConfigureAwait(false);
            var metrics = candidate.ValidationMetrics.ToDictionary(m => "valid_" + m.Key, m => m.Value);
            foreach (var (name, value) in candidate.TestMetrics)
            {
                metrics["test_" + name] = value;
            }

            metrics["threshold"] = candidate.Threshold;
            metrics["training_seconds"] = candidate.TrainingTime.TotalSeconds;
            await _runs.LogMetricsAsync(runId, metrics, 0, ct).ConfigureAwait(false);
            foreach (var step in outcome.MetricHistory.Where(h => h.Key.StartsWith(candidate.Trainer + ".", StringComparison.Ordinal)))
            {
                await _runs.LogMetricsAsync(runId, new Dictionary<string, double> { [step.Key[(candidate.Trainer.Length + 1)..]] = step.Value }, step.Step, ct).ConfigureAwait(false);
            }

            await _runs.EndRunAsync(runId, "FINISHED", ct).ConfigureAwait(false);
            summaries.Add(new CandidateSummary(
                candidate.Trainer,
                runId,
                Metric(candidate.TestMetrics, "auc"),
                Metric(candidate.TestMetrics, "accuracy"),
                Metric(candidate.TestMetrics, "precision"),
                Metric(candidate.TestMetrics, "recall"),
                Metric(candidate.ValidationMetrics, "auc"),
                candidate.PassedGates,
                candidate.GateFailures,
                Metric(candidate.ValidationMetrics, "selection_auc")));
        }

        await _runs.LogMetricsAsync(ParentRunId, outcome.RunMetrics, 0, ct).ConfigureAwait(false);
        var artifacts = new List<string>();
        foreach (var artifact in outcome.Artifacts)
        {
            artifacts.Add(await _runs.LogArtifactAsync(ParentRunId, artifact.Path, (s, token) => s.WriteAsync(artifact.Content, token).AsTask(), ct).ConfigureAwait(false));
        }

        return (summaries, runIds, artifacts);
    }

    /// <summary>Stores the winner's package as the winner run's model artifact; returns its store path.</summary>
    public Task<string> LogModelAsync(string runId, ModelPackage package, CancellationToken ct) =>
        _runs.LogArtifactAsync(runId, "model/model.zip", package.SaveAsync, ct);

    /// <summary>The store path under which the parent run's artifacts live.</summary>
    public Task<string> GetArtifactRootAsync(CancellationToken ct) => _runs.GetArtifactRootAsync(ParentRunId, ct);

    public Task EndAsync(CancellationToken ct) => _runs.EndRunAsync(ParentRunId, "FINISHED", ct);

    private static double Metric(IReadOnlyDictionary<string, double> metrics, string name) => metrics.TryGetValue(name, out var value) ? value : double.NaN;
}
