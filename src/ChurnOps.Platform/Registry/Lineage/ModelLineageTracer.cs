using System.Globalization;
using ChurnOps.Core.Datasets;
using ChurnOps.Core.Deployments;
using ChurnOps.Core.Features;
using ChurnOps.Core.Registry;
using ChurnOps.Core.Tracking;
using ChurnOps.Platform.Registry.Cards;

namespace ChurnOps.Platform.Registry.Lineage;

/// <summary>
/// Follows a version's recorded lineage: contract (name/version) → dataset version → feature views (versions) → training
/// set (hash, rows) → run → model version → aliases and deployments. Reads only what the registry, the dataset and
/// feature-view records, the tracking store and the version's evidence hold; a link they lack is "not recorded".
/// </summary>
public sealed class ModelLineageTracer(IModelRegistry registry, IDatasetVersionStore datasets, IFeatureViewRegistry views, IRunStore runs, IExperimentStore experiments, ModelCardStore cards, IDeploymentStore deployments)
{
    /// <summary>The lineage of a registered version (resolve it first: ModelLifecycle.ResolveAsync).</summary>
    public async Task<ModelLineageReport> TraceAsync(ModelVersion found, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(found);
        var (modelName, version) = (found.ModelName, found.Version);

        var (evidence, _) = await cards.ReadEvidenceAsync(found, ct).ConfigureAwait(false);
        var dataset = await DatasetAsync(found.Lineage, evidence?.Recipe, ct).ConfigureAwait(false);
        var steps = new List<LineageStep>
        {
            Contract(dataset, found.Lineage),
            Dataset(found.Lineage, dataset),
        };
        steps.AddRange(await FeatureViewsAsync(found.Lineage, ct).ConfigureAwait(false));
        steps.Add(TrainingSet(found.Lineage, evidence?.Recipe));
        steps.Add(await RunAsync(found, ct).ConfigureAwait(false));
        steps.Add(ModelVersion(found));
        var aliases = (await registry.GetAliasesAsync(modelName, ct).ConfigureAwait(false)).Where(a => a.Value == version).Select(a => a.Key).Order(StringComparer.Ordinal).ToList();
        steps.Add(aliases.Count == 0
            ? new LineageStep("aliases", true, "none", new Dictionary<string, string>())
            : new LineageStep("aliases", true, string.Join(", ", aliases), aliases.ToDictionary(a => a, _ => version.ToString(CultureInfo.InvariantCulture))));
        steps.Add(await DeploymentsAsync(modelName, version, ct).ConfigureAwait(false));
        return new ModelLineageReport(modelName, version, steps);
    }

    private async Task<DatasetVersion?> DatasetAsync(ModelLineage lineage, TrainingRecipe? recipe, CancellationToken ct)
    {
        if (lineage.DatasetVersion is not { } id)
        {
            return null;
        }

        // The labels' load: its table is model.labels without the schema when the recipe says so; otherwise search.
        if (recipe?.Labels is { } labels && labels.IndexOf('.', StringComparison.Ordinal) is var dot and > 0
            && await datasets.GetAsync(labels[(dot + 1)..], id, ct).ConfigureAwait(false) is { } direct)
        {
            return direct;
        }

        return (await datasets.ListAsync(null, 10_000, ct).ConfigureAwait(false)).FirstOrDefault(d => d.Version == id);
    }

    private static LineageStep Contract(DatasetVersion? dataset, ModelLineage lineage) =>
        dataset?.ContractId is { } contract
            ? new LineageStep("contract", true, $"{contract} {dataset.ContractVersion ?? lineage.ContractVersion ?? "(version not recorded)"}", Facts(("name", contract), ("version", dataset.ContractVersion ?? lineage.ContractVersion)))
            : lineage.ContractVersion is { } version
                ? new LineageStep("contract", true, $"version {version} (contract name not recorded)", Facts(("version", version)))
                : LineageStep.Missing("contract", dataset is null ? "no dataset version recorded" : "the dataset version names no contract");

    private static LineageStep Dataset(ModelLineage lineage, DatasetVersion? dataset)
    {
        // Every version the training read, when the registry recorded them (the labels' load first).
        var others = lineage.DatasetVersions.Where(v => v != lineage.DatasetVersion).ToList();
        var also = others.Count == 0 ? string.Empty : $"; also read {string.Join(", ", others)}";
        return dataset is not null
            ? new LineageStep("dataset version", true, $"{dataset.Table} {dataset.Version} ({dataset.RowsAccepted:N0} rows accepted, loaded {dataset.CreatedAt.ToString("u", CultureInfo.InvariantCulture)}){also}",
                Facts(("table", dataset.Table), ("version", dataset.Version), ("rows_accepted", dataset.RowsAccepted.ToString(CultureInfo.InvariantCulture)), ("loaded_at", dataset.CreatedAt.ToString("O", CultureInfo.InvariantCulture)), ("also_read", others.Count == 0 ? null : string.Join(",", others))))
            : lineage.DatasetVersion is { } id
                ? new LineageStep("dataset version", true, $"{id} (no load record found){also}", Facts(("version", id)))
                : others.Count > 0
                    ? new LineageStep("dataset version", true, string.Join(", ", others), Facts(("versions", string.Join(",", others))))
                    : LineageStep.Missing("dataset version");
    }

    private async Task<IReadOnlyList<LineageStep>> FeatureViewsAsync(ModelLineage lineage, CancellationToken ct)
    {
        if (lineage.FeatureViewVersions.Count == 0)
        {
            return [LineageStep.Missing("feature view")];
        }

        var steps = new List<LineageStep>();
        foreach (var (view, version) in lineage.FeatureViewVersions.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var current = await views.GetCurrentAsync(view, ct).ConfigureAwait(false);
            var state = current is null ? "retired since" : current.Version == version ? "current" : $"changed since: now {current.Version}";
            steps.Add(new LineageStep("feature view", true, $"{view} version {version} ({state})", Facts(("view", view), ("version", version), ("current_version", current?.Version))));
        }

        return steps;
    }

    private static LineageStep TrainingSet(ModelLineage lineage, TrainingRecipe? recipe)
    {
        var hash = lineage.TrainingSetHash ?? recipe?.DataHash;
        if (hash is null)
        {
            return LineageStep.Missing("training set");
        }

        var rows = recipe is null ? "rows not recorded" : $"{recipe.Rows:N0} rows, {recipe.Positives:N0} positive, test split {recipe.TestRows:N0}";
        return new LineageStep("training set", true, $"{hash} ({rows}) from {recipe?.Source ?? "a source not recorded"}",
            Facts(("hash", hash), ("rows", recipe?.Rows.ToString(CultureInfo.InvariantCulture)), ("source", recipe?.Source), ("seed", lineage.Seed.ToString(CultureInfo.InvariantCulture)), ("code_version", lineage.CodeVersion)));
    }

    private async Task<LineageStep> RunAsync(ModelVersion version, CancellationToken ct)
    {
        var run = (await runs.GetRunAsync(version.RunId, ct).ConfigureAwait(false)).Value;
        if (run is null)
        {
            return new LineageStep("run", false, $"{version.RunId} ({LineageStep.NotRecorded} in the tracking store)", Facts(("run_id", version.RunId)));
        }

        var experiment = (await experiments.GetExperimentAsync(run.Info.ExperimentId, ct).ConfigureAwait(false)).Value;
        var parent = run.Data.Tags.FirstOrDefault(t => t.Key == "mlflow.parentRunId")?.Value;
        return new LineageStep("run", true,
            $"{run.Info.RunId} ({run.Info.RunName}, {run.Info.Status}, experiment {experiment?.Name ?? run.Info.ExperimentId}{(parent is null ? string.Empty : ", parent run " + parent)})",
            Facts(("run_id", run.Info.RunId), ("run_name", run.Info.RunName), ("status", run.Info.Status), ("experiment", experiment?.Name), ("experiment_id", run.Info.ExperimentId), ("parent_run_id", parent)));
    }

    private static LineageStep ModelVersion(ModelVersion version) =>
        new("model version", true,
            $"{version.ModelName} {version.Version} ({version.Trainer}, registered {version.CreatedAt.ToString("u", CultureInfo.InvariantCulture)} by {version.CreatedBy}, artifact {version.ArtifactPath})",
            Facts(("name", version.ModelName), ("version", version.Version.ToString(CultureInfo.InvariantCulture)), ("trainer", version.Trainer), ("artifact", version.ArtifactPath), ("created_by", version.CreatedBy)));

    private static Dictionary<string, string> Facts(params (string Key, string? Value)[] facts) =>
        facts.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value!, StringComparer.Ordinal);

    /// <summary>The deployments that put this version under traffic, as stable or candidate (newest 200 looked at).</summary>
    private async Task<LineageStep> DeploymentsAsync(string modelName, int version, CancellationToken ct)
    {
        var involved = (await deployments.ListAsync(200, ct).ConfigureAwait(false))
            .Where(d => d.ModelName == modelName && (d.CandidateVersion == version || d.StableVersion == version))
            .ToList();
        if (involved.Count == 0)
        {
            return LineageStep.Missing("deployments", "no deployment record for this version");
        }

        string Describe(Deployment d) => string.Create(CultureInfo.InvariantCulture,
            $"#{d.Id} {(d.CandidateVersion == version ? "candidate" : "stable")} ({d.Status.ToString().ToLowerInvariant()}, candidate at {d.CandidateWeight}%)");
        return new LineageStep("deployments", true, string.Join(", ", involved.Select(Describe)),
            involved.ToDictionary(d => d.Id.ToString(CultureInfo.InvariantCulture), Describe));
    }
}
