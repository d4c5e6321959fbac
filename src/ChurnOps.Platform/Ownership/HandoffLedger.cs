using System.Globalization;
using ChurnOps.Core.Alerts;
using ChurnOps.Core.Contracts;
using ChurnOps.Core.Deployments;
using ChurnOps.Core.Features;
using ChurnOps.Core.Ownership;
using ChurnOps.Core.Registry;
using ChurnOps.Platform.Deployments;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Registry;

namespace ChurnOps.Platform.Ownership;

/// <summary>
/// The hand-off ledger, derived from the stores rather than kept apart: every data contract (DE → ML at the feature
/// table), feature view, model version in play (ML → MLOps at the registry) and the serving API (MLOps → SWE), each with
/// its producer, consumers, accountable team, service levels, green/amber/red status with the reason, sign-offs and
/// open alerts. Teams come from churnops.yaml by role; a role nobody holds is named by the role itself.
/// </summary>
public sealed class HandoffLedger(
    ProjectConfig config,
    ProjectLayout layout,
    IContractStore contracts,
    IFeatureViewRegistry features,
    IModelRegistry registry,
    IDeploymentStore deployments,
    IAlertLifecycle alerts,
    TimeProvider time)
{
    private const int AlertsConsidered = 1000;

    /// <summary>Every hand-off, in flow order (contracts, feature views, model versions, the API); only those <paramref name="team"/> takes part in when given.</summary>
    public async Task<IReadOnlyList<Handoff>> ListAsync(string? team, CancellationToken ct)
    {
        var open = (await alerts.ListAsync(null, AlertStatus.Open, AlertsConsidered, ct).ConfigureAwait(false))
            .Concat(await alerts.ListAsync(null, AlertStatus.Acked, AlertsConsidered, ct).ConfigureAwait(false))
            .OrderByDescending(a => a.Id)
            .ToList();
        var all = new List<Handoff>();
        all.AddRange(await ContractsAsync(open, ct).ConfigureAwait(false));
        all.AddRange(await FeatureViewsAsync(ct).ConfigureAwait(false));
        all.AddRange(await ModelVersionsAsync(open, ct).ConfigureAwait(false));
        if (await ApiAsync(open, ct).ConfigureAwait(false) is { } api)
        {
            all.Add(api);
        }

        return string.IsNullOrWhiteSpace(team) ? all : all.Where(h => h.Involves(team.Trim())).ToList();
    }

    private async Task<List<Handoff>> ContractsAsync(List<Alert> open, CancellationToken ct)
    {
        // The live contracts are the project's files (ingestion checks against them) and what was published through
        // `churnops contract publish`; a published version wins over its file.
        var byId = new SortedDictionary<string, (DataContract Contract, PublishedContract? Live, PublishedContract? Pending)>(StringComparer.Ordinal);
        if (Directory.Exists(layout.ContractsDir))
        {
            foreach (var file in Directory.GetFiles(layout.ContractsDir, "*.yaml").Order(StringComparer.Ordinal))
            {
                if ((await ContractParser.ParseFileAsync(file, ct).ConfigureAwait(false)).Contract is { } parsed)
                {
                    byId[parsed.Id] = (parsed, null, null);
                }
            }
        }

        foreach (var group in (await contracts.ListAsync(null, ct).ConfigureAwait(false)).GroupBy(c => c.Id, StringComparer.Ordinal))
        {
            var live = group.FirstOrDefault(c => c.Status == PublishedContract.Published);
            var pending = group.FirstOrDefault(c => c.Status == PublishedContract.PendingApproval && (live is null || c.At >= live.At));
            var source = live ?? pending!;
            if (ContractParser.Parse(source.Yaml).Contract is { } parsed)
            {
                byId[group.Key] = (parsed, live, pending);
            }
        }

        var result = new List<Handoff>();
        foreach (var (id, (contract, live, pending)) in byId)
        {
            var producer = contract.Producers.FirstOrDefault() ?? TeamFor("data-engineering");
            var consumers = contract.Consumers.Count > 0 ? contract.Consumers : [TeamFor("data-science")];
            var sla = contract.Sla.Select(s => new HandoffSla(s.Property, s.Unit is null ? s.Value : $"{s.Value} {s.Unit}")).ToList();
            var signOffs = new List<HandoffSignOff>();
            if (live is not null)
            {
                signOffs.Add(new HandoffSignOff("published", live.PublishedBy, producer, live.At, $"version {live.Version}"));
                signOffs.AddRange((await contracts.ApprovalsAsync(id, live.Version, ct).ConfigureAwait(false)).Select(t => new HandoffSignOff("approved", t, t, null, $"version {live.Version}")));
            }

            var onIt = Related(open, a => a.Type == Alert.DataSlaViolation && (a.Subject == id || a.Subject.StartsWith(id + "/", StringComparison.Ordinal)));
            string status;
            string reason;
            if (onIt.Count > 0)
            {
                (status, reason) = (HandoffStatus.Red, $"{onIt.Count} open SLA alert(s): {onIt[0].Message}");
            }
            else if (pending is not null)
            {
                var approvals = await contracts.ApprovalsAsync(id, pending.Version, ct).ConfigureAwait(false);
                var missing = consumers.Except(approvals, StringComparer.Ordinal).ToList();
                (status, reason) = (HandoffStatus.Amber, $"version {pending.Version} waits for sign-off from {(missing.Count == 0 ? "its consumers" : string.Join(", ", missing))}");
            }
            else
            {
                (status, reason) = (HandoffStatus.Green, live is null
                    ? $"version {contract.Version} in force from contracts/ (not published through `churnops contract publish`); no open SLA alert"
                    : $"version {live.Version} published; no open SLA alert");
            }

            result.Add(new Handoff(HandoffKind.Contract, $"{id} {(live ?? pending)?.Version ?? contract.Version}", producer, consumers, producer, sla, status, reason, signOffs, onIt));
        }

        return result;
    }

    private async Task<List<Handoff>> FeatureViewsAsync(CancellationToken ct)
    {
        var result = new List<Handoff>();
        var producer = TeamFor("data-engineering");
        var consumers = new[] { TeamFor("data-science") };
        foreach (var view in (await features.ListCurrentAsync(ct).ConfigureAwait(false)).OrderBy(v => v.Definition.Name, StringComparer.Ordinal))
        {
            var definition = view.Definition;
            var build = await features.GetLastBuildAsync(definition.Name, ct).ConfigureAwait(false);
            var materialized = await features.GetMaterializationAsync(definition.Name, ct).ConfigureAwait(false);
            var sla = new List<HandoffSla> { new("ttl", Duration(definition.Ttl)) };
            string status;
            string reason;
            if (build is null)
            {
                (status, reason) = (HandoffStatus.Red, $"version {view.Version} registered but never built (churnops features build)");
            }
            else if (time.GetUtcNow() - build.BuiltAt > definition.Ttl)
            {
                (status, reason) = (HandoffStatus.Amber, $"last built {Stamp(build.BuiltAt)}, longer ago than its ttl {Duration(definition.Ttl)}");
            }
            else
            {
                (status, reason) = (HandoffStatus.Green, $"version {view.Version} built {Stamp(build.BuiltAt)} ({build.TableRows.ToString(CultureInfo.InvariantCulture)} rows)"
                    + (materialized is null ? "; not materialized online" : $"; {materialized.Entities.ToString(CultureInfo.InvariantCulture)} entities online"));
            }

            result.Add(new Handoff(HandoffKind.FeatureView, definition.Name, producer, consumers, definition.Owner ?? producer, sla, status, reason,
                [new HandoffSignOff("registered", "features apply", producer, view.RegisteredAt, $"version {view.Version}")], []));
        }

        return result;
    }

    private async Task<List<Handoff>> ModelVersionsAsync(List<Alert> open, CancellationToken ct)
    {
        var policy = new ApprovalPolicy(config);
        var model = config.Model.Name;
        var versions = await registry.ListVersionsAsync(model, ct).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            return [];
        }

        var aliases = await registry.GetAliasesAsync(model, ct).ConfigureAwait(false);
        var latest = versions.Max(v => v.Version);
        // The versions in play: aliased (serving or challenger), waiting for sign-off, or the newest.
        var inPlay = versions.Where(v => aliases.Values.Contains(v.Version) || v.Status == ModelVersionStatus.PendingApproval || v.Version == latest).OrderBy(v => v.Version);
        var producer = TeamFor("data-science");
        var accountable = policy.AccountableTeam ?? TeamFor("mlops");
        var result = new List<Handoff>();
        foreach (var version in inPlay)
        {
            var evidence = policy.Evidence(version);
            var sla = evidence.Thresholds.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new HandoffSla(t.Key, t.Value.ToString("0.####", CultureInfo.InvariantCulture))).ToList();
            var approvals = await registry.GetApprovalsAsync(model, version.Version, ct).ConfigureAwait(false);
            var signOffs = approvals.Select(a => new HandoffSignOff(a.Decision == ApprovalDecision.Approve ? "approved" : "rejected", a.Actor, a.Team, a.DecidedAt, a.Note)).ToList();
            var subject = $"{model}/v{version.Version.ToString(CultureInfo.InvariantCulture)}";
            var onIt = Related(open, a => a.Subject == subject);
            var named = aliases.Where(a => a.Value == version.Version).Select(a => a.Key).Order(StringComparer.Ordinal).ToList();
            var aliasText = named.Count == 0 ? string.Empty : $" ({string.Join(", ", named)})";
            var (status, reason) = version.Status switch
            {
                _ when onIt.Count > 0 => (HandoffStatus.Red, $"{onIt.Count} open alert(s): {onIt[0].Message}"),
                ModelVersionStatus.Rejected => (HandoffStatus.Red, $"rejected{Note(signOffs.LastOrDefault())}"),
                _ when !evidence.Passed => (HandoffStatus.Red, $"fails its gates: {string.Join("; ", evidence.Failures)}"),
                ModelVersionStatus.PendingApproval => (HandoffStatus.Amber, $"waits for sign-off by '{accountable}' (churnops models approve {model} {version.Version.ToString(CultureInfo.InvariantCulture)})"),
                _ => (HandoffStatus.Green, $"approved{aliasText}"),
            };
            result.Add(new Handoff(HandoffKind.ModelVersion, $"{model} v{version.Version.ToString(CultureInfo.InvariantCulture)}{aliasText}", producer, [accountable], accountable, sla, status, reason, signOffs, onIt));
        }

        return result;
    }

    private async Task<Handoff?> ApiAsync(List<Alert> open, CancellationToken ct)
    {
        var model = config.Model.Name;
        var alias = config.Serving.Alias;
        var producer = DeploymentAlerts.OwningTeam(config);
        var consumers = new[] { TeamFor("software-engineering") };
        var analysis = config.Deployments.Analysis;
        var sla = new List<HandoffSla>
        {
            new("latency_p99", analysis.MaxP99Ms.ToString("0.###", CultureInfo.InvariantCulture) + " ms"),
            new("error_rate", analysis.MaxErrorRate.ToString("0.####", CultureInfo.InvariantCulture)),
        };
        var serving = await registry.GetByAliasAsync(model, alias, ct).ConfigureAwait(false);
        var recent = (await deployments.ListAsync(20, ct).ConfigureAwait(false)).Where(d => d.ModelName == model).ToList();
        if (serving is null && recent.Count == 0)
        {
            return (await registry.ListVersionsAsync(model, ct).ConfigureAwait(false)).Count == 0
                ? null
                : new Handoff(HandoffKind.Deployment, $"{model}@{alias}", producer, consumers, producer, sla, HandoffStatus.Red,
                    $"no version has alias '{alias}': the API serves nothing", [], []);
        }

        var onIt = Related(open, a => a.Type == DeploymentAlerts.RolledBack && a.Subject.StartsWith(model + " ", StringComparison.Ordinal));
        var signOffs = new List<HandoffSignOff>();
        if (serving is not null)
        {
            signOffs.AddRange((await registry.GetApprovalsAsync(model, serving.Version, ct).ConfigureAwait(false))
                .Where(a => a.Decision == ApprovalDecision.Approve)
                .Select(a => new HandoffSignOff("approved", a.Actor, a.Team, a.DecidedAt, $"version {serving.Version.ToString(CultureInfo.InvariantCulture)}")));
        }

        signOffs.AddRange(recent.Take(3).Select(d => new HandoffSignOff("deployed", d.CreatedBy, producer, d.CreatedAt,
            $"deployment {d.Id.ToString(CultureInfo.InvariantCulture)}: v{d.StableVersion.ToString(CultureInfo.InvariantCulture)} -> v{d.CandidateVersion.ToString(CultureInfo.InvariantCulture)}, {DeploymentService.Status(d.Status)}")));
        var active = recent.FirstOrDefault(d => d.IsOpen);
        string status;
        string reason;
        if (serving is null)
        {
            (status, reason) = (HandoffStatus.Red, $"no version has alias '{alias}': the API serves nothing");
        }
        else if (onIt.Count > 0)
        {
            (status, reason) = (HandoffStatus.Red, $"{onIt.Count} open alert(s): {onIt[0].Message}");
        }
        else if (active is not null)
        {
            (status, reason) = (HandoffStatus.Amber, $"deployment {active.Id.ToString(CultureInfo.InvariantCulture)} {DeploymentService.Status(active.Status)}: v{active.CandidateVersion.ToString(CultureInfo.InvariantCulture)} at {active.CandidateWeight.ToString(CultureInfo.InvariantCulture)}% beside v{active.StableVersion.ToString(CultureInfo.InvariantCulture)}");
        }
        else
        {
            (status, reason) = (HandoffStatus.Green, $"serves v{serving.Version.ToString(CultureInfo.InvariantCulture)} at {alias}");
        }

        return new Handoff(HandoffKind.Deployment, $"{model}@{alias}", producer, consumers, producer, sla, status, reason, signOffs, onIt);
    }

    /// <summary>The team holding <paramref name="role"/> in churnops.yaml, else the role's own name.</summary>
    private string TeamFor(string role) =>
        config.Teams.FirstOrDefault(t => string.Equals(t.Role, role, StringComparison.OrdinalIgnoreCase))?.Name ?? role;

    private static List<HandoffAlert> Related(List<Alert> open, Func<Alert, bool> about) =>
        open.Where(about).Select(a => new HandoffAlert(a.Id, a.Type, a.Severity, a.Status, a.Team, a.Message, a.Runbook, a.RaisedAt)).ToList();

    private static string Note(HandoffSignOff? signOff) => signOff?.Note is { Length: > 0 } note ? $" by {signOff.By}: {note}" : signOff is null ? string.Empty : $" by {signOff.By}";

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan span) =>
        span.TotalDays >= 1 && span.TotalDays == Math.Floor(span.TotalDays) ? $"{span.TotalDays.ToString(CultureInfo.InvariantCulture)}d"
        : span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours) ? $"{span.TotalHours.ToString(CultureInfo.InvariantCulture)}h"
        : span.ToString("c", CultureInfo.InvariantCulture);
}
