using ChurnOps.Core.Tracking;
using ChurnOps.Core.Tracking.Search;

namespace ChurnOps.Platform.Tracking;

/// <summary>Read-side use cases behind `churnops runs list/show/compare`: experiments by name, filters in MLflow's grammar.</summary>
public sealed class RunQueries(IExperimentStore experiments, IRunStore runs)
{
    /// <summary>Runs newest first, in one experiment (by name) or in every active experiment.</summary>
    public async Task<TrackingResult<IReadOnlyList<Run>>> ListAsync(string? experimentName, string? filter, IReadOnlyList<string> orderBy, int maxResults, CancellationToken ct)
    {
        var (clauses, filterError) = SearchFilterParser.ParseFilter(filter, SearchSchema.Runs);
        var (order, orderError) = SearchFilterParser.ParseOrderBy(orderBy, SearchSchema.Runs);
        if ((filterError ?? orderError) is not null)
        {
            return TrackingError.Invalid(filterError ?? orderError!);
        }

        List<string> experimentIds;
        if (!string.IsNullOrEmpty(experimentName))
        {
            var experiment = await experiments.GetExperimentByNameAsync(experimentName, ct).ConfigureAwait(false);
            if (experiment.Error is { } error)
            {
                return error;
            }

            experimentIds = [experiment.Value!.ExperimentId];
        }
        else
        {
            var all = await experiments.SearchExperimentsAsync(new ExperimentQuery([], [], ViewType.ActiveOnly, TrackingLimits.MaxSearchResults, 0), ct).ConfigureAwait(false);
            if (all.Error is { } error)
            {
                return error;
            }

            experimentIds = all.Value!.Experiments.Select(e => e.ExperimentId).ToList();
        }

        var page = await runs.SearchRunsAsync(new RunQuery(experimentIds, clauses!, order!, ViewType.ActiveOnly, maxResults, 0), ct).ConfigureAwait(false);
        return page.Error is { } searchError ? searchError : TrackingResult<IReadOnlyList<Run>>.Ok(page.Value!.Runs);
    }

    public Task<TrackingResult<Run>> GetAsync(string runId, CancellationToken ct) => runs.GetRunAsync(runId, ct);

    /// <summary>Compares two or more runs; every unknown id is reported, not just the first.</summary>
    public async Task<TrackingResult<RunComparison>> CompareAsync(IReadOnlyList<string> runIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        if (runIds.Count < 2)
        {
            return TrackingError.Invalid("Compare needs at least two run ids.");
        }

        var found = new List<Run>();
        var missing = new List<string>();
        foreach (var id in runIds)
        {
            var run = await runs.GetRunAsync(id, ct).ConfigureAwait(false);
            if (run.Value is { } value)
            {
                found.Add(value);
            }
            else
            {
                missing.Add(run.Error!.Message);
            }
        }

        return missing.Count > 0 ? TrackingError.NotFound(string.Join("; ", missing)) : TrackingResult<RunComparison>.Ok(RunComparison.Build(found));
    }
}
