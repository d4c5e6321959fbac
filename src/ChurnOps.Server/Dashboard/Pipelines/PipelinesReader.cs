using ChurnOps.Core.Pipelines;
using ChurnOps.Platform.Pipelines;

namespace ChurnOps.Server.Dashboard.Pipelines;

/// <summary>What the Pipelines pages and /api/v1/pipelines show: the catalog of pipelines/*.yaml and the run store's history and logs.</summary>
internal sealed class PipelinesReader(PipelineCatalog catalog, IPipelineRunStore runs)
{
    public const int RunLimit = 50;

    public async Task<PipelinesListModel> ListAsync(CancellationToken ct)
    {
        var loaded = await catalog.LoadAsync(ct).ConfigureAwait(false);
        var paused = await runs.ListPausedAsync(ct).ConfigureAwait(false);
        var rows = new List<PipelineRow>();
        foreach (var p in loaded.Pipelines.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var last = (await runs.ListRunsAsync(p.Name, 1, ct).ConfigureAwait(false)).FirstOrDefault();
            rows.Add(new PipelineRow(p.Name, p.Owner, p.Schedule, p.Triggers, p.Steps.Count, paused.Contains(p.Name), p.File, last));
        }

        return new PipelinesListModel(rows, loaded.Issues);
    }

    public async Task<PipelinePageModel?> GetAsync(string name, CancellationToken ct)
    {
        var loaded = await catalog.LoadAsync(ct).ConfigureAwait(false);
        if (loaded.Find(name) is not { } definition)
        {
            return null;
        }

        var paused = await runs.ListPausedAsync(ct).ConfigureAwait(false);
        return new PipelinePageModel(definition, paused.Contains(name), await runs.ListRunsAsync(name, RunLimit, ct).ConfigureAwait(false));
    }

    public async Task<PipelineRunPageModel?> GetRunAsync(long id, CancellationToken ct)
    {
        if (await runs.GetRunAsync(id, ct).ConfigureAwait(false) is not { } run)
        {
            return null;
        }

        var loaded = await catalog.LoadAsync(ct).ConfigureAwait(false);
        return new PipelineRunPageModel(run, loaded.Find(run.Pipeline), await runs.ListAttemptsAsync(id, ct).ConfigureAwait(false));
    }
}
