using ChurnOps.Core.Alerts;
using ChurnOps.Core.Contracts;
using ChurnOps.Core.Datasets;
using ChurnOps.Core.Deployments;
using ChurnOps.Core.Features;
using ChurnOps.Core.Registry;
using ChurnOps.Platform.Projects;
using ChurnOps.Server.Dashboard.Data;

namespace ChurnOps.Server.Dashboard.Overview;

/// <summary>
/// Derives the hand-off chain from the stores as they are: contracts with their loads and SLA alerts, feature views with
/// their builds, the registry's versions, approvals and aliases, deployments, and open monitoring alerts. Red means an
/// open alert or a failed step, amber something waiting on a person (approval, a canary) or not run yet.
/// </summary>
internal sealed class OverviewReadModel(
    ContractCatalog contracts,
    IDatasetVersionStore datasets,
    IFeatureViewRegistry featureViews,
    IModelRegistry registry,
    IDeploymentStore deployments,
    IAlertLifecycle alerts,
    ProjectConfig config,
    TimeProvider time)
{
    private const int MaxModels = 20;

    public async Task<OverviewSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var openAlerts = (await alerts.ListAsync(null, null, 1000, cancellationToken).ConfigureAwait(false))
            .Where(a => a.Status != AlertStatus.Resolved).ToList();
        var contractBoxes = await ContractStagesAsync(openAlerts, cancellationToken).ConfigureAwait(false);
        var views = await featureViews.ListCurrentAsync(cancellationToken).ConfigureAwait(false);
        var models = (await registry.SearchModelsAsync(RegistryQuery.All, cancellationToken).ConfigureAwait(false)).Items;
        var recentDeployments = await deployments.ListAsync(200, cancellationToken).ConfigureAwait(false);
        var chains = new List<OverviewChain>();
        foreach (var model in models.Take(MaxModels))
        {
            var versions = await registry.ListVersionsAsync(model.Name, cancellationToken).ConfigureAwait(false);
            var aliases = await registry.GetAliasesAsync(model.Name, cancellationToken).ConfigureAwait(false);
            var serving = aliases.TryGetValue(config.Serving.Alias, out var v) ? versions.FirstOrDefault(x => x.Version == v) : null;
            var basis = serving ?? versions.OrderByDescending(x => x.Version).FirstOrDefault();
            var usedViews = basis is null ? views : views.Where(fv => basis.Lineage.FeatureViewVersions.ContainsKey(fv.Definition.Name)).ToList();
            var viewStage = await FeatureViewStageAsync(usedViews, basis, cancellationToken).ConfigureAwait(false);
            var contractStage = Combine("Contract", ContractsFeeding(contractBoxes, usedViews), "/ui/data");
            var owner = usedViews.Select(fv => fv.Definition.Owner).FirstOrDefault(o => !string.IsNullOrWhiteSpace(o)) ?? TeamWithRole("mlops");
            var modelStage = ModelStage(model.Name, versions, serving, owner, openAlerts);
            var deploymentStage = DeploymentStage(model.Name, serving, recentDeployments, openAlerts);
            chains.Add(new OverviewChain(model.Name, [contractStage, viewStage, modelStage, deploymentStage, ConsumerStage(model.Name, serving, deploymentStage)]));
        }

        if (chains.Count == 0)
        {
            var viewStage = await FeatureViewStageAsync(views, null, cancellationToken).ConfigureAwait(false);
            var none = new OverviewStage("Model", "no model yet", Signal.Grey, TeamWithRole("data-science"), null, 0, ["run 'churnops train' to register one"], "/ui/experiments");
            chains.Add(new OverviewChain(config.Model.Name, [Combine("Contract", contractBoxes.Select(c => c.Stage), "/ui/data"), viewStage, none,
                new OverviewStage("Deployment", "nothing deployed", Signal.Grey, TeamWithRole("mlops"), null, 0, [], "/ui/deployments"),
                new OverviewStage("Consumers", "none yet", Signal.Grey, "—", null, 0, [], null)]));
        }

        return new OverviewSnapshot(config.Project, time.GetUtcNow(), chains, openAlerts.Count);
    }

    private async Task<List<(OverviewStage Stage, DataContract? Contract)>> ContractStagesAsync(List<Alert> openAlerts, CancellationToken cancellationToken)
    {
        var stages = new List<(OverviewStage Stage, DataContract? Contract)>();
        var loads = await datasets.ListAsync(null, 500, cancellationToken).ConfigureAwait(false);
        foreach (var latest in await contracts.LatestAsync(cancellationToken).ConfigureAwait(false))
        {
            var parsed = latest.Contract;
            var reasons = new List<string>();
            var alertsHere = openAlerts.Count(a => a.Type == Alert.DataSlaViolation && a.Subject.StartsWith(latest.Id + "/", StringComparison.Ordinal));
            var lastLoad = loads.FirstOrDefault(l => string.Equals(l.ContractId, latest.Id, StringComparison.Ordinal));
            var signal = Signal.Green;
            if (alertsHere > 0)
            {
                signal = Signal.Red;
                reasons.Add($"{alertsHere} open SLA alert(s)");
            }

            if (latest.Status == PublishedContract.PendingApproval)
            {
                signal = Max(signal, Signal.Amber);
                reasons.Add($"v{latest.Version} waits for consumer sign-off");
            }
            else if (latest.Source == ContractEntry.FromProject)
            {
                reasons.Add("not published yet (project file)");
            }

            if (lastLoad is null)
            {
                signal = Max(signal, Signal.Amber);
                reasons.Add("no load checked against it yet");
            }
            else if (lastLoad.RowsQuarantined > 0)
            {
                signal = Max(signal, Signal.Amber);
                reasons.Add($"{lastLoad.RowsQuarantined:N0} of {lastLoad.RowsRead:N0} rows quarantined in the last load");
            }

            var owner = string.Join(", ", latest.Owners.DefaultIfEmpty("—"));
            stages.Add((new OverviewStage("Contract", $"{latest.Id} v{latest.Version}", signal, owner, lastLoad?.CreatedAt, alertsHere, reasons, "/ui/data/contracts/" + Uri.EscapeDataString(latest.Id)), parsed));
        }

        return stages;
    }

    /// <summary>The contracts whose schema covers a table the views read from; all of them when none can be matched.</summary>
    private static IEnumerable<OverviewStage> ContractsFeeding(List<(OverviewStage Stage, DataContract? Contract)> contractStages, IReadOnlyList<RegisteredFeatureView> views)
    {
        var tables = views.Select(v => v.Definition.Source.Split('.')[^1]).ToList();
        var feeding = contractStages.Where(c => c.Contract is { } contract && tables.Any(t => contract.FindSchema(t) is not null)).Select(c => c.Stage).ToList();
        return feeding.Count > 0 ? feeding : contractStages.Select(c => c.Stage);
    }

    private async Task<OverviewStage> FeatureViewStageAsync(IReadOnlyList<RegisteredFeatureView> views, ModelVersion? basis, CancellationToken cancellationToken)
    {
        if (views.Count == 0)
        {
            return new OverviewStage("Feature view", "none registered", Signal.Grey, "—", null, 0, ["run 'churnops features apply'"], "/ui/features");
        }

        var signal = Signal.Green;
        var reasons = new List<string>();
        DateTimeOffset? lastCheck = null;
        foreach (var view in views)
        {
            var build = await featureViews.GetLastBuildAsync(view.Definition.Name, cancellationToken).ConfigureAwait(false);
            if (build is null)
            {
                signal = Max(signal, Signal.Amber);
                reasons.Add($"{view.Definition.Name} never built");
            }
            else
            {
                lastCheck = lastCheck is null || build.BuiltAt > lastCheck ? build.BuiltAt : lastCheck;
            }

            if (basis is not null && basis.Lineage.FeatureViewVersions.TryGetValue(view.Definition.Name, out var trained) && !string.Equals(trained, view.Version, StringComparison.Ordinal))
            {
                signal = Max(signal, Signal.Amber);
                reasons.Add($"model v{basis.Version} was trained on an older definition");
            }
        }

        var first = views[0];
        var name = views.Count == 1 ? first.Definition.Name : $"{first.Definition.Name} +{views.Count - 1}";
        var href = views.Count == 1 ? "/ui/features/" + Uri.EscapeDataString(first.Definition.Name) : "/ui/features";
        return new OverviewStage("Feature view", name, signal, first.Definition.Owner ?? "—", lastCheck, 0, reasons, href);
    }

    private static OverviewStage ModelStage(string model, IReadOnlyList<ModelVersion> versions, ModelVersion? serving, string owner, List<Alert> openAlerts)
    {
        var reasons = new List<string>();
        var signal = Signal.Green;
        var alertsHere = openAlerts.Count(a => a.Type is Alert.DriftDetected or Alert.PerformanceBelowGate && a.Subject.StartsWith(model + "/", StringComparison.Ordinal));
        if (alertsHere > 0)
        {
            signal = Signal.Red;
            reasons.Add($"{alertsHere} open drift/performance alert(s)");
        }

        if (serving is null)
        {
            signal = Max(signal, Signal.Amber);
            reasons.Add("no approved version serves yet");
        }

        var waiting = versions.Where(v => v.Status == ModelVersionStatus.PendingApproval).Select(v => v.Version).ToList();
        if (waiting.Count > 0)
        {
            signal = Max(signal, Signal.Amber);
            reasons.Add($"v{waiting.Max()} waits for approval");
        }

        var newest = versions.Count == 0 ? (DateTimeOffset?)null : versions.Max(v => v.UpdatedAt > v.CreatedAt ? v.UpdatedAt : v.CreatedAt);
        var name = serving is null ? model : $"{model} v{serving.Version}";
        return new OverviewStage("Model", name, signal, owner, newest, alertsHere, reasons, "/ui/models/" + Uri.EscapeDataString(model));
    }

    private OverviewStage DeploymentStage(string model, ModelVersion? serving, IReadOnlyList<Deployment> recent, List<Alert> openAlerts)
    {
        var owner = TeamWithRole("mlops");
        var latest = recent.FirstOrDefault(d => string.Equals(d.ModelName, model, StringComparison.Ordinal));
        var alertsHere = openAlerts.Count(a => a.Type is not (Alert.DataSlaViolation or Alert.DriftDetected or Alert.PerformanceBelowGate) && a.Subject.StartsWith(model, StringComparison.Ordinal));
        if (latest is { IsOpen: true })
        {
            var what = latest.Shadow ? $"shadow v{latest.CandidateVersion}" : $"canary v{latest.CandidateVersion} at {latest.CandidateWeight}%";
            return new OverviewStage("Deployment", what, alertsHere > 0 ? Signal.Red : Signal.Amber, owner, latest.StepStartedAt, alertsHere,
                [latest.Status == DeploymentStatus.Paused ? "paused: " + (latest.Reason ?? "waiting") : "analysis running"], "/ui/deployments");
        }

        if (serving is null)
        {
            return new OverviewStage("Deployment", "nothing serving", Signal.Grey, owner, latest?.StepStartedAt, alertsHere, ["approve a version and set the serving alias"], "/ui/deployments");
        }

        if (latest is { Status: DeploymentStatus.RolledBack })
        {
            return new OverviewStage("Deployment", $"{config.Serving.Alias} v{serving.Version}", Signal.Amber, owner, latest.StepStartedAt, alertsHere,
                [$"last canary (v{latest.CandidateVersion}) rolled back: {latest.Reason ?? "no reason recorded"}"], "/ui/deployments");
        }

        return new OverviewStage("Deployment", $"{config.Serving.Alias} v{serving.Version}", alertsHere > 0 ? Signal.Red : Signal.Green, owner, latest?.StepStartedAt ?? serving.UpdatedAt, alertsHere,
            [$"serves 100% of traffic"], "/ui/deployments");
    }

    private OverviewStage ConsumerStage(string model, ModelVersion? serving, OverviewStage deployment) =>
        serving is null
            ? new OverviewStage("Consumers", "waiting for a model", Signal.Grey, TeamWithRole("software-engineering"), null, 0, [], null)
            : new OverviewStage("Consumers", "online + batch", deployment.Signal == Signal.Red ? Signal.Red : Signal.Green, TeamWithRole("software-engineering"), deployment.LastCheck, 0,
                [$"/v2/models/{model}/infer", "/invocations, churnops score"], "/ui/monitoring");

    private static OverviewStage Combine(string stage, IEnumerable<OverviewStage> parts, string listHref)
    {
        var all = parts.ToList();
        if (all.Count == 0)
        {
            return new OverviewStage(stage, "none published", Signal.Grey, "—", null, 0, ["run 'churnops contract publish'"], listHref);
        }

        if (all.Count == 1)
        {
            return all[0];
        }

        var worst = all.MaxBy(s => s.Signal)!;
        return new OverviewStage(stage, $"{all[0].Name} +{all.Count - 1}", worst.Signal, string.Join(", ", all.Select(s => s.Owner).Distinct(StringComparer.Ordinal)),
            all.Max(s => s.LastCheck), all.Sum(s => s.OpenAlerts), [.. all.SelectMany(s => s.Reasons.Select(r => $"{s.Name}: {r}"))], listHref);
    }

    private string TeamWithRole(string role) =>
        config.Teams.FirstOrDefault(t => string.Equals(t.Role, role, StringComparison.OrdinalIgnoreCase))?.Name ?? "—";

    private static Signal Max(Signal a, Signal b) => a > b ? a : b;
}
