using System.Globalization;
using ChurnOps.Core.Artifacts;
using ChurnOps.Core.Tracking;
using ChurnOps.Core.Tracking.Search;

namespace ChurnOps.Server.Dashboard.Experiments;

/// <summary>
/// The Experiments section over the tracking store: the same search (MLflow's filter and order grammar, offset pages)
/// that /api/2.0/mlflow/runs/search answers, shaped for a table, a comparison and a run page.
/// </summary>
internal sealed class ExperimentsReadModel(IExperimentStore experiments, IRunStore runs, IArtifactStore artifacts)
{
    public const int MinCompared = 2;
    public const int MaxCompared = 5;
    private const int MaxMetricColumns = 8;
    private const int MaxParamColumns = 4;
    private const int MaxArtifacts = 500;
    private const int MaxHistoryPoints = 5000;
    private const int MaxTies = 1000;

    public async Task<IReadOnlyList<ExperimentSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var page = await experiments.SearchExperimentsAsync(new ExperimentQuery([], [], ViewType.ActiveOnly, 1000, 0), cancellationToken).ConfigureAwait(false);
        return page.Value is null ? [] : [.. page.Value.Experiments.Select(e => new ExperimentSummary(e.ExperimentId, e.Name, e.LifecycleStage, e.CreationTime, e.LastUpdateTime))];
    }

    public async Task<DashboardOutcome<RunTable>> RunsAsync(string experimentId, RunTableRequest request, CancellationToken cancellationToken)
    {
        var experiment = await experiments.GetExperimentAsync(experimentId, cancellationToken).ConfigureAwait(false);
        if (experiment.Value is null)
        {
            return DashboardProblem.NotFound("Experiment not found", $"There is no experiment with id '{DashboardErrors.Excerpt(experimentId, 60)}'.");
        }

        var (filter, filterError) = SearchFilterParser.ParseFilter(request.Filter, SearchSchema.Runs);
        if (filterError is not null)
        {
            return DashboardProblem.BadRequest("Bad filter", $"The filter could not be read: {DashboardErrors.Excerpt(filterError, 300)} Filters use MLflow's grammar, e.g. metrics.test_auc > 0.8 and params.trainer = 'lightgbm'.");
        }

        // The default order is the store's own (newest first, then run id), which it reads straight from its index;
        // spelled out as an order_by it would sort every run of the experiment first.
        var (order, orderError) = SearchFilterParser.ParseOrderBy(request.Order == RunTableRequest.DefaultOrder ? [] : [request.Order], SearchSchema.Runs);
        if (orderError is not null)
        {
            return DashboardProblem.BadRequest("Bad sort order", $"The sort order could not be read: {DashboardErrors.Excerpt(orderError, 300)}");
        }

        var (found, more, error) = request.After is { } after
            ? await SeekAsync(experimentId, filter!, after, request.PageSize, cancellationToken).ConfigureAwait(false)
            : await OffsetAsync(experimentId, filter!, order!, (request.Page - 1) * request.PageSize, request.PageSize, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return DashboardProblem.BadRequest("Bad search", error);
        }

        var rows = found.Select(ToRow).ToList();
        var last = found.Count == 0 ? null : found[^1].Info;
        return new RunTable(experimentId, experiment.Value.Name, request.Filter, request.Order, request.Page, request.PageSize, more,
            Columns(rows.SelectMany(r => r.Metrics.Keys), MaxMetricColumns), Columns(rows.SelectMany(r => r.Params.Keys), MaxParamColumns), rows)
        {
            NextAfter = more && last is not null && request.Order == RunTableRequest.DefaultOrder ? new RunCursor(last.StartTime, last.RunId).ToString() : null,
        };
    }

    private async Task<(IReadOnlyList<Run> Runs, bool More, string? Error)> OffsetAsync(string experimentId, IReadOnlyList<SearchClause> filter, IReadOnlyList<SearchOrder> order, int offset, int size, CancellationToken cancellationToken)
    {
        var result = await runs.SearchRunsAsync(new RunQuery([experimentId], filter, order, ViewType.ActiveOnly, size, offset), cancellationToken).ConfigureAwait(false);
        return result.Value is null ? ([], false, result.Error?.Message ?? "the search failed") : (result.Value.Runs, result.Value.NextPageToken is not null, null);
    }

    /// <summary>
    /// The page after <paramref name="after"/> in the default order: the runs that started at the same millisecond with a
    /// greater id, then the older ones; both are range reads on the store's (experiment, stage, start_time) index.
    /// </summary>
    private async Task<(IReadOnlyList<Run> Runs, bool More, string? Error)> SeekAsync(string experimentId, IReadOnlyList<SearchClause> filter, RunCursor after, int size, CancellationToken cancellationToken)
    {
        var start = after.StartTime.ToString(CultureInfo.InvariantCulture);
        var same = await OffsetAsync(experimentId, [.. filter, .. StartTime("=", start)], [], 0, MaxTies, cancellationToken).ConfigureAwait(false);
        if (same.Error is not null)
        {
            return same;
        }

        if (same.More)
        {
            return ([], false, $"more than {MaxTies:N0} runs started in the same millisecond, too many to page by cursor; use page= instead.");
        }

        var page = same.Runs.Where(r => string.CompareOrdinal(r.Info.RunId, after.RunId) > 0).ToList();
        if (page.Count > size)
        {
            return (page.Take(size).ToList(), true, null);
        }

        var older = await OffsetAsync(experimentId, [.. filter, .. StartTime("<", start)], [], 0, size - page.Count == 0 ? 1 : size - page.Count, cancellationToken).ConfigureAwait(false);
        if (older.Error is not null)
        {
            return older;
        }

        // A full page of ties asked the older runs for one only, to learn whether any follow.
        return page.Count == size ? (page, older.Runs.Count > 0, null) : ([.. page, .. older.Runs], older.More, null);
    }

    private static IReadOnlyList<SearchClause> StartTime(string comparator, string value) =>
        SearchFilterParser.ParseFilter($"attributes.start_time {comparator} {value}", SearchSchema.Runs).Clauses!;

    public async Task<DashboardOutcome<RunDetail>> RunAsync(string runId, CancellationToken cancellationToken)
    {
        var found = await runs.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        if (found.Value is not { } run)
        {
            return DashboardProblem.NotFound("Run not found", $"There is no run with id '{DashboardErrors.Excerpt(runId, 60)}'. It may have been deleted for good.");
        }

        var experiment = await experiments.GetExperimentAsync(run.Info.ExperimentId, cancellationToken).ConfigureAwait(false);
        var (files, truncated) = await ArtifactsAsync(run.Info.ArtifactUri, cancellationToken).ConfigureAwait(false);
        var inputs = run.Inputs.Select(i => new RunDatasetInput(i.Dataset.Name, i.Dataset.Digest, i.Tags.FirstOrDefault(t => t.Key == "mlflow.data.context")?.Value, i.Dataset.Source)).ToList();
        return new RunDetail(ToRow(run), run.Info.ExperimentId, experiment.Value?.Name ?? run.Info.ExperimentId, run.Info.LifecycleStage, run.Info.ArtifactUri,
            run.Data.Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal), inputs, files, truncated);
    }

    public async Task<DashboardOutcome<RunComparison>> CompareAsync(IReadOnlyList<string> runIds, CancellationToken cancellationToken)
    {
        var ids = runIds.Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count is < MinCompared or > MaxCompared)
        {
            return DashboardProblem.BadRequest("Pick 2 to 5 runs", $"A comparison takes {MinCompared} to {MaxCompared} different runs (runs=ID&runs=ID…); got {ids.Count}.");
        }

        var rows = new List<RunRow>();
        foreach (var id in ids)
        {
            var found = await runs.GetRunAsync(id, cancellationToken).ConfigureAwait(false);
            if (found.Value is null)
            {
                return DashboardProblem.NotFound("Run not found", $"There is no run with id '{DashboardErrors.Excerpt(id, 60)}' to compare.");
            }

            rows.Add(ToRow(found.Value));
        }

        var metricKeys = rows.SelectMany(r => r.Metrics.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var histories = new Dictionary<string, IReadOnlyList<MetricStep>>(StringComparer.Ordinal);
        foreach (var key in metricKeys.Take(20))
        {
            var history = await runs.GetMetricHistoryBulkAsync(ids, key, MaxHistoryPoints, cancellationToken).ConfigureAwait(false);
            var points = history.Value ?? [];
            if (points.GroupBy(p => p.RunId, StringComparer.Ordinal).Any(g => g.Select(p => p.Step).Distinct().Count() > 1))
            {
                histories[key] = [.. points.Select(p => new MetricStep(p.RunId, p.Step, p.Value))];
            }
        }

        return new RunComparison(rows, metricKeys, [.. rows.SelectMany(r => r.Params.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], histories);
    }

    /// <summary>Opens an image a run logged; null when the run, its local artifact root or the file is not there.</summary>
    public async Task<Stream?> OpenArtifactAsync(string runId, string path, CancellationToken cancellationToken)
    {
        if (!ArtifactPath.TryNormalize(path, out var normalized, out _) || normalized.Length == 0)
        {
            return null;
        }

        var found = await runs.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        var root = found.Value is null ? null : TrackingArtifactUri.StorePath(found.Value.Info.ArtifactUri);
        return root is null ? null : await artifacts.OpenReadAsync(root + "/" + normalized, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(IReadOnlyList<RunArtifact> Files, bool Truncated)> ArtifactsAsync(string artifactUri, CancellationToken cancellationToken)
    {
        var root = TrackingArtifactUri.StorePath(artifactUri);
        var files = new List<RunArtifact>();
        if (root is null)
        {
            return (files, false);
        }

        var pending = new Queue<string>([root]);
        while (pending.Count > 0 && files.Count < MaxArtifacts)
        {
            foreach (var entry in await artifacts.ListAsync(pending.Dequeue(), cancellationToken).ConfigureAwait(false))
            {
                if (entry.IsDirectory)
                {
                    pending.Enqueue(entry.Path);
                }
                else if (entry.Path.Length > root.Length + 1)
                {
                    files.Add(new RunArtifact(entry.Path[(root.Length + 1)..], entry.SizeBytes));
                }
            }
        }

        return ([.. files.Take(MaxArtifacts).OrderBy(f => f.Path, StringComparer.Ordinal)], files.Count >= MaxArtifacts || pending.Count > 0);
    }

    private static RunRow ToRow(Run run) =>
        new(run.Info.RunId, run.Info.RunName, run.Info.Status, run.Info.UserId, run.Info.StartTime, run.Info.EndTime,
            run.Data.Metrics.GroupBy(m => m.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal),
            run.Data.Params.GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal));

    /// <summary>The keys most runs of the page have, then by name; a page of mixed runs shows its common columns.</summary>
    private static IReadOnlyList<string> Columns(IEnumerable<string> keys, int max) =>
        [.. keys.GroupBy(k => k, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(max).Select(g => g.Key)];
}
