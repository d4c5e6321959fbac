using ChurnOps.Core.Tracking;
using ChurnOps.Core.Tracking.Search;

namespace ChurnOps.Platform.Tracking;

/// <summary>
/// Ends the RUNNING runs whose ChurnOps process is gone (a killed `churnops train`) as FAILED, with the reason in the
/// <c>churnops.failure_reason</c> tag and the time it was noticed as end time. Runs without an owner (MLflow clients'
/// own runs) and runs of another host are left alone: their liveness cannot be known from here.
/// </summary>
public sealed class RunReaper(IExperimentStore experiments, IRunStore runs, TimeProvider time)
{
    public RunReaper(RunLogger logger, TimeProvider time)
        : this(logger?.Experiments ?? throw new ArgumentNullException(nameof(logger)), logger.Runs, time)
    {
    }

    /// <summary>The runs it ended, or the tracking error that stopped it.</summary>
    public async Task<TrackingResult<IReadOnlyList<ReapedRun>>> ReapAsync(CancellationToken ct)
    {
        var all = await experiments.SearchExperimentsAsync(new ExperimentQuery([], [], ViewType.All, TrackingLimits.MaxSearchResults, 0), ct).ConfigureAwait(false);
        if (all.Error is { } error)
        {
            return error;
        }

        var (filter, _) = SearchFilterParser.ParseFilter("attributes.status = 'RUNNING'", SearchSchema.Runs);
        var ids = all.Value!.Experiments.Select(e => e.ExperimentId).ToList();
        var reaped = new List<ReapedRun>();
        string? token = null;
        var offset = 0;
        do
        {
            var page = await runs.SearchRunsAsync(new RunQuery(ids, filter!, [], ViewType.All, TrackingLimits.MaxSearchResults, offset), ct).ConfigureAwait(false);
            if (page.Error is { } searchError)
            {
                return searchError;
            }

            var reapedBefore = reaped.Count;
            foreach (var run in page.Value!.Runs)
            {
                if (RunOwner.FromTags(run.Data.Tags) is { } owner && owner.IsGone())
                {
                    var reason = $"the process that ran it ({owner.Describe()}) ended without finishing the run";
                    var tagged = await runs.LogBatchAsync(run.Info.RunId, [], [], [new TrackingTag(RunOwner.FailureReasonTag, reason)], ct).ConfigureAwait(false);
                    var ended = await runs.UpdateRunAsync(run.Info.RunId, new RunUpdate(RunStatus.Failed, time.GetUtcNow().ToUnixTimeMilliseconds(), null), ct).ConfigureAwait(false);
                    if ((tagged ?? ended.Error) is { } updateError)
                    {
                        return updateError;
                    }

                    reaped.Add(new ReapedRun(run.Info.RunId, run.Info.RunName, reason));
                }
            }

            // Ended runs drop out of the RUNNING filter; only the ones left standing move the offset on.
            token = page.Value.NextPageToken;
            offset += page.Value.Runs.Count - (reaped.Count - reapedBefore);
        }
        while (token is not null);

        return TrackingResult<IReadOnlyList<ReapedRun>>.Ok(reaped);
    }
}
