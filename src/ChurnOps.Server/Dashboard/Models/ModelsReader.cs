using ChurnOps.Core.Registry;
using ChurnOps.Platform.Registry;
using ChurnOps.Platform.Registry.Cards;
using ChurnOps.Platform.Registry.Lineage;

namespace ChurnOps.Server.Dashboard.Models;

/// <summary>
/// Gathers what the Models pages and their JSON twins show, from the registry and its use cases (the lifecycle's
/// approval policy, the model card store, the lineage tracer). Reads only; a missing model or version is null.
/// </summary>
internal sealed class ModelsReader(ModelLifecycle lifecycle, ModelCardStore cards, ModelLineageTracer lineage)
{
    private IModelRegistry Registry => lifecycle.Registry;

    public ApprovalRule Rule => new(lifecycle.Policy.AccountableTeam, lifecycle.Policy.FourEyes, lifecycle.Policy.ServingAlias);

    public async Task<RegistryListModel> ListAsync(CancellationToken ct)
    {
        var rows = new List<RegistryModelRow>();
        string? token = null;
        var offset = 0;
        do
        {
            var page = await Registry.SearchModelsAsync(RegistryQuery.All with { Offset = offset }, ct).ConfigureAwait(false);
            foreach (var model in page.Items)
            {
                var versions = await Registry.ListVersionsAsync(model.Name, ct).ConfigureAwait(false);
                var aliases = await Registry.GetAliasesAsync(model.Name, ct).ConfigureAwait(false);
                rows.Add(new RegistryModelRow(
                    model.Name,
                    model.Description,
                    model.OwnerTeam,
                    versions.Count,
                    versions.Count == 0 ? null : versions.Max(v => v.Version),
                    aliases.TryGetValue(lifecycle.Policy.ServingAlias, out var serving) ? serving : null,
                    versions.Count(v => v.Status == ModelVersionStatus.PendingApproval),
                    model.UpdatedAt));
            }

            token = page.NextPageToken;
            offset += page.Items.Count;
        }
        while (token is not null && offset < 10_000);

        return new RegistryListModel(Rule, rows.OrderBy(r => r.Name, StringComparer.Ordinal).ToList());
    }

    public async Task<ModelVersionsModel?> GetModelAsync(string name, CancellationToken ct)
    {
        if (await Registry.GetModelAsync(name, ct).ConfigureAwait(false) is not { } model)
        {
            return null;
        }

        var aliases = await Registry.GetAliasesAsync(name, ct).ConfigureAwait(false);
        var versions = await Registry.ListVersionsAsync(name, ct).ConfigureAwait(false);
        return new ModelVersionsModel(model.Name, model.Description, model.OwnerTeam, aliases, Rule,
            versions.OrderByDescending(v => v.Version).Select(v => VersionRow.From(v, aliases)).ToList());
    }

    /// <summary>The version page's data; the error says whether the model or only the version is missing.</summary>
    public async Task<(ModelVersionModel? Model, string? NotFound)> GetVersionAsync(string name, int version, CancellationToken ct)
    {
        var resolved = await lifecycle.ResolveAsync(new ModelUri(name, version, null, null, false), ct).ConfigureAwait(false);
        if (resolved.Value is not { } found)
        {
            return (null, resolved.Error?.Code == RegistryErrorCode.ResourceDoesNotExist
                ? (await Registry.GetModelAsync(name, ct).ConfigureAwait(false) is null ? $"no registered model '{name}'" : $"model '{name}' has no version {version}")
                : resolved.Error?.Message ?? "not found");
        }

        var aliases = await Registry.GetAliasesAsync(name, ct).ConfigureAwait(false);
        var approvals = await Registry.GetApprovalsAsync(name, version, ct).ConfigureAwait(false);
        var evidence = lifecycle.Policy.Evidence(found);
        var (card, cardError) = await cards.BuildAsync(found, ct).ConfigureAwait(false);
        var trace = await lineage.TraceAsync(found, ct).ConfigureAwait(false);
        return (new ModelVersionModel(
            found.ModelName,
            VersionRow.From(found, aliases),
            found.Metrics.Where(m => double.IsFinite(m.Value)).OrderBy(m => m.Key, StringComparer.Ordinal).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal),
            evidence.Failures,
            approvals.Select(a => new ApprovalRow(a.Decision == ApprovalDecision.Approve ? "approved" : "rejected", a.Team, a.Actor, a.DecidedAt, a.Note, a.EvidenceVerdict.Passed)).ToList(),
            Rule,
            Blocked(found, evidence),
            card,
            cardError,
            trace), null);
    }

    /// <summary>Why the version cannot be approved whoever asks (already decided, failing gates); null when it can be.</summary>
    private string? Blocked(ModelVersion version, GateVerdict evidence) =>
        version.Status == ModelVersionStatus.Approved ? "already approved"
        : !evidence.Passed ? "fails its evaluation gates: " + string.Join("; ", evidence.Failures)
        : lifecycle.Policy.AccountableTeam is null ? "no accountable team is configured (registry.approval.accountable_team)"
        : null;
}
