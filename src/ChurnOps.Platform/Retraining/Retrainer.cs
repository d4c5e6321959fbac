using System.Globalization;
using ChurnOps.Core.Retraining;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Tracking;
using ChurnOps.Platform.Training;

namespace ChurnOps.Platform.Retraining;

/// <summary>
/// Starts the one training path for the triggers that fired: those monitoring.retrain.on enables and whose cause has
/// not retrained before. All of them start a single retraining that records every cause; the new version goes through
/// the gates and is registered for approval like any training, never given an alias here.
/// </summary>
public sealed class Retrainer(ProjectConfig config, IRetrainingStore store, TrainingUseCase training, RunLogger runs, TimeProvider time)
{
    public async Task<RetrainingOutcome> RetrainAsync(string model, IReadOnlyList<RetrainingTrigger> fired, string user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(fired);
        var enabled = config.Monitoring.Retrain.On.Select(o => o.Trim()).ToHashSet(StringComparer.Ordinal);
        var triggers = fired.Where(t => enabled.Contains(t.Kind)).ToList();
        if (triggers.Count == 0)
        {
            return new RetrainingOutcome(null, fired.Count == 0
                ? "nothing fired"
                : $"{string.Join(", ", fired.Select(f => f.Kind).Distinct())} fired, but monitoring.retrain.on is [{string.Join(", ", enabled)}]");
        }

        var run = await store.TryStartAsync(model, triggers, time.GetUtcNow(), ct).ConfigureAwait(false);
        if (run is null)
        {
            return new RetrainingOutcome(null, $"already retrained for {string.Join(", ", triggers.Select(t => t.Cause))}");
        }

        ModelTrainingResult result;
        try
        {
            result = await training.TrainAsync(
                new ModelTrainingJob(null, model, config.Model.Label, config.Monitoring.Retrain.Experiment, config.Model.Seed, user),
                null,
                ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new RetrainingOutcome(await store.CompleteAsync(run.Id, RetrainingRun.Failed, null, null, ex.Message, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false), null);
        }

        if (result.ParentRunId is { } runId)
        {
            // The run says what fired it, for whoever reads it in the tracking UI.
            await runs.SetTagsAsync(runId, new Dictionary<string, string>
            {
                ["churnops.retraining.id"] = run.Id.ToString(CultureInfo.InvariantCulture),
                ["churnops.retraining.trigger"] = string.Join(",", run.Triggers.Select(t => t.Kind).Distinct()),
                ["churnops.retraining.cause"] = string.Join("; ", run.Triggers.Select(t => $"{t.Cause}: {t.Detail}")),
            }, ct).ConfigureAwait(false);
        }

        var error = !result.Succeeded ? result.Error : result.Registered is null ? "no candidate passed the evaluation gates; nothing registered" : null;
        var completed = await store.CompleteAsync(
            run.Id,
            error is null ? RetrainingRun.Succeeded : RetrainingRun.Failed,
            result.ParentRunId,
            result.Registered?.Version,
            error,
            time.GetUtcNow(),
            ct).ConfigureAwait(false);
        return new RetrainingOutcome(completed, null);
    }
}
