using ChurnOps.Core.Contracts;
using ChurnOps.Core.Audit;
using ChurnOps.Core.Events;
using ChurnOps.Platform.Audit;

namespace ChurnOps.Platform.Contracts;

/// <summary>
/// The change process of a contract: a new version is diffed against the live one; breaking changes without a new major
/// version wait until every consumer team has signed off (<see cref="ApproveAsync"/>), then go live.
/// </summary>
public sealed class ContractPublisher(IContractStore store, IEventLog events, TimeProvider time, AuditTrail audit)
{
    private readonly IContractStore _store = store ?? throw new ArgumentNullException(nameof(store));

    public IContractStore Store => _store;

    public async Task<PublishOutcome> PublishAsync(string path, string publishedBy, CancellationToken ct)
    {
        var outcome = await PublishUnauditedAsync(path, publishedBy, ct).ConfigureAwait(false);
        await AuditAsync("contract.publish", outcome, new { file = Path.GetFileName(path), published_by = publishedBy }, ct).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>Records a consumer team's sign-off; the version goes live when the last one signs.</summary>
    public async Task<PublishOutcome> ApproveAsync(string id, string version, string team, CancellationToken ct)
    {
        var outcome = await ApproveUnauditedAsync(id, version, team, ct).ConfigureAwait(false);
        await AuditAsync("contract.approve", outcome with { Id = id, Version = version }, new { team }, ct).ConfigureAwait(false);
        return outcome;
    }

    private Task AuditAsync(string action, PublishOutcome outcome, object request, CancellationToken ct) =>
        audit.RecordAsync(action, "contract", outcome.Id.Length == 0 ? "(unparsed)" : $"{outcome.Id}/{outcome.Version}", outcome.Status == PublishOutcome.Refused ? AuditOutcome.Refused : AuditOutcome.Succeeded,
            null, new { request, status = outcome.Status, changes = outcome.Changes.Count, missing_approvals = outcome.MissingApprovals }, outcome.Error, ct);

    private async Task<PublishOutcome> PublishUnauditedAsync(string path, string publishedBy, CancellationToken ct)
    {
        var yaml = File.Exists(path) ? await File.ReadAllTextAsync(path, ct).ConfigureAwait(false) : null;
        if (yaml is null)
        {
            return Refused(string.Empty, string.Empty, $"{path}: contract file not found");
        }

        var parsed = ContractParser.Parse(yaml);
        if (parsed.Contract is not { } contract)
        {
            return Refused(string.Empty, string.Empty, $"{path}: {parsed.FirstError}");
        }

        var existing = await _store.GetAsync(contract.Id, contract.Version, ct).ConfigureAwait(false);
        if (existing is { Status: PublishedContract.Published })
        {
            return existing.Yaml == yaml
                ? new PublishOutcome(PublishOutcome.Unchanged, contract.Id, contract.Version, [], [], null)
                : Refused(contract.Id, contract.Version, $"version {contract.Version} of '{contract.Id}' is already published with other content; bump the version");
        }

        var live = await _store.LatestPublishedAsync(contract.Id, ct).ConfigureAwait(false);
        IReadOnlyList<ContractChange> changes = [];
        var missing = new List<string>();
        if (live is not null && ContractParser.Parse(live.Yaml).Contract is { } previous)
        {
            changes = ContractDiff.Compare(previous, contract);
            if (ContractDiff.NeedsSignOff(previous, contract, changes))
            {
                var approvals = await _store.ApprovalsAsync(contract.Id, contract.Version, ct).ConfigureAwait(false);
                missing.AddRange(previous.Consumers.Union(contract.Consumers).Except(approvals, StringComparer.Ordinal));
            }
        }

        var status = missing.Count == 0 ? PublishedContract.Published : PublishedContract.PendingApproval;
        await _store.SaveAsync(new PublishedContract(contract.Id, contract.Version, status, yaml, publishedBy, time.GetUtcNow()), ct).ConfigureAwait(false);
        if (missing.Count > 0)
        {
            return new PublishOutcome(PublishOutcome.PendingApproval, contract.Id, contract.Version, changes, missing,
                $"breaking changes in {contract.Id} {contract.Version} without a new major version need sign-off from: {string.Join(", ", missing)} (churnops contract approve {contract.Id} {contract.Version} --as TEAM)");
        }

        await events.AppendAsync($"contract.{contract.Id}.published", contract.Id, System.Text.Json.JsonSerializer.Serialize(new { contract.Id, contract.Version }), ct).ConfigureAwait(false);
        return new PublishOutcome(PublishOutcome.Published, contract.Id, contract.Version, changes, [], null);
    }

    private async Task<PublishOutcome> ApproveUnauditedAsync(string id, string version, string team, CancellationToken ct)
    {
        var pending = await _store.GetAsync(id, version, ct).ConfigureAwait(false);
        if (pending is null)
        {
            return Refused(id, version, $"contract '{id}' has no version {version}");
        }

        if (pending.Status == PublishedContract.Published)
        {
            return new PublishOutcome(PublishOutcome.Unchanged, id, version, [], [], null);
        }

        var contract = ContractParser.Parse(pending.Yaml).Contract!;
        var live = await _store.LatestPublishedAsync(id, ct).ConfigureAwait(false);
        var previous = live is null ? null : ContractParser.Parse(live.Yaml).Contract;
        var consumers = (previous?.Consumers ?? []).Union(contract.Consumers).ToList();
        if (!consumers.Contains(team, StringComparer.Ordinal))
        {
            return Refused(id, version, $"'{team}' is not a consumer of '{id}' (consumers: {string.Join(", ", consumers)})");
        }

        await _store.AddApprovalAsync(id, version, team, time.GetUtcNow(), ct).ConfigureAwait(false);
        var approvals = await _store.ApprovalsAsync(id, version, ct).ConfigureAwait(false);
        var missing = consumers.Except(approvals, StringComparer.Ordinal).ToList();
        var changes = previous is null ? [] : ContractDiff.Compare(previous, contract);
        if (missing.Count > 0)
        {
            return new PublishOutcome(PublishOutcome.PendingApproval, id, version, changes, missing, null);
        }

        await _store.SaveAsync(pending with { Status = PublishedContract.Published, At = time.GetUtcNow() }, ct).ConfigureAwait(false);
        await events.AppendAsync($"contract.{id}.published", id, System.Text.Json.JsonSerializer.Serialize(new { id, version }), ct).ConfigureAwait(false);
        return new PublishOutcome(PublishOutcome.Published, id, version, changes, [], null);
    }

    private static PublishOutcome Refused(string id, string version, string error) => new(PublishOutcome.Refused, id, version, [], [], error);
}
