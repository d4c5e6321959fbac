using System.Diagnostics;
using ChurnOps.Platform.Features;
using ChurnOps.Platform.Generation;
using ChurnOps.Platform.Ingestion;
using ChurnOps.Platform.Monitoring;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Registry;
using ChurnOps.Platform.Serving;
using ChurnOps.Platform.Training;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Platform.Quickstart;

/// <summary>
/// The whole churn lifecycle on embedded stores, each stage through the same use case the individual commands run:
/// init → generate → ingest (contract-checked) → feature views → point-in-time training set → candidates → gates →
/// register champion → batch score. Safe to re-run on the same directory: every run adds new versions.
/// </summary>
public sealed class QuickstartRunner(TimeProvider time)
{
    public static readonly IReadOnlyList<string> Stages =
        ["init", "generate", "ingest", "features", "train", "register", "score"];

    public async Task<(QuickstartSummary? Summary, string? Error)> RunAsync(QuickstartOptions options, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            return (null, string.Join("; ", errors));
        }

        var clock = Stopwatch.StartNew();
        progress?.Report("init");
        var template = await ProjectTemplate.WriteAsync(options.Directory, overwrite: false, cancellationToken).ConfigureAwait(false);
        if (template.Error is not null)
        {
            return (null, template.Error);
        }

        var (workspace, openError) = await ChurnOpsWorkspace.OpenAsync(options.Directory, time, cancellationToken).ConfigureAwait(false);
        if (workspace is null)
        {
            return (null, openError);
        }

        // Hold the warehouse for the whole lifecycle, so another command is refused at once instead of half-way.
        await using var writerLock = await workspace.HoldWarehouseAsync("churnops quickstart", cancellationToken).ConfigureAwait(false);

        progress?.Report("generate");
        var data = await SyntheticChurnData.WriteAsync(new SyntheticDataOptions(options.Rows, options.Seed, options.AsOf), workspace.Layout.DataDir, cancellationToken).ConfigureAwait(false);

        progress?.Report("ingest");
        var ingestion = workspace.Services.GetRequiredService<IngestionService>();
        var ingested = new List<IngestSummary>();
        foreach (var (table, file) in new[] { ("customers", data.CustomersFile), ("events", data.EventsFile), ("labels", data.LabelsFile) })
        {
            var result = await ingestion.IngestAsync(new IngestRequest(table, [file], null), cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                return (null, $"ingest {table}: {result.Error}");
            }

            ingested.Add(new IngestSummary(table, result.RowsRead, result.RowsAccepted, result.RowsQuarantined, result.DatasetVersion));
        }

        progress?.Report("features");
        var model = workspace.Config.Model;
        var viewName = model.Table.Contains('.', StringComparison.Ordinal) ? model.Table[(model.Table.IndexOf('.', StringComparison.Ordinal) + 1)..] : model.Table;
        var store = workspace.Services.GetRequiredService<FeatureStore>();
        var applied = await store.ApplyAsync(force: false, cancellationToken).ConfigureAwait(false);
        if (!applied.Succeeded)
        {
            return (null, "features apply: " + applied.Error);
        }

        var built = await store.BuildAsync(null, cancellationToken).ConfigureAwait(false);
        if (!built.Succeeded)
        {
            return (null, "features build: " + built.Error);
        }

        var materialized = await store.MaterializeAsync(incremental: false, cancellationToken).ConfigureAwait(false);
        if (!materialized.Succeeded)
        {
            return (null, "features materialize: " + materialized.Error);
        }

        // The same use case and training set as `churnops train` with no options: model.labels joined to the view.
        progress?.Report("train");
        var training = await workspace.Services.GetRequiredService<TrainingUseCase>().TrainAsync(
            new ModelTrainingJob(null, model.Name, model.Label, "quickstart", options.Seed, options.User) { DatasetVersion = ingested.Find(i => i.Table == "labels")?.DatasetVersion },
            progress,
            cancellationToken).ConfigureAwait(false);
        if (!training.Succeeded)
        {
            return (null, "train: " + training.Error);
        }

        var trainingSet = training.TrainingSet!;
        progress?.Report("register");
        var registered = training.Registered;
        if (registered is null)
        {
            return (null, "train: no candidate passed the evaluation gates: " + string.Join("; ", training.Candidates.Select(c => $"{c.Trainer}: {string.Join(", ", c.GateFailures)}")));
        }

        // The demo serves at once: the quickstart signs its first version off on behalf of the accountable team, recorded as such.
        var lifecycle = workspace.Services.GetRequiredService<ModelLifecycle>();
        var approved = await lifecycle.ApproveAsync(model.Name, registered.Version, new RegistryActor("quickstart", lifecycle.Policy.AccountableTeam), "approved by the quickstart on behalf of the accountable team so the demo serves", cancellationToken).ConfigureAwait(false);
        var aliased = approved.IsSuccess ? await lifecycle.SetAliasAsync(model.Name, workspace.Config.Serving.Alias, registered.Version, cancellationToken).ConfigureAwait(false) : approved;
        if (aliased.Error is { } refused)
        {
            return (null, "register: " + refused.Message);
        }

        progress?.Report("score");
        var scorer = new BatchScorer(workspace.Warehouse, new ServedModelCache(workspace.Config, workspace.Registry, workspace.Artifacts, workspace.Time), workspace.Services.GetRequiredService<PredictionWriter>(), workspace.Time);
        var latestFeatures = $"SELECT DISTINCT ON ({model.Entity}) * FROM features.{viewName} ORDER BY {model.Entity}, event_timestamp DESC";
        var scored = await scorer.ScoreQueryAsync(model.Name, workspace.Config.Serving.Alias, latestFeatures, model.Entity, cancellationToken).ConfigureAwait(false);
        if (!scored.Succeeded)
        {
            return (null, "batch score: " + scored.Error);
        }

        var featureCount = trainingSet.Data.Columns.Count(c => !training.ExcludedColumns.Contains(c.Name, StringComparer.OrdinalIgnoreCase) && !c.Name.Equals(model.Label, StringComparison.OrdinalIgnoreCase));
        return (new QuickstartSummary(
            workspace.Layout.Root,
            ingested,
            viewName,
            trainingSet.FeatureViewVersions.TryGetValue(viewName, out var version) ? version : string.Empty,
            featureCount,
            trainingSet.Data.RowCount,
            trainingSet.TrainingSetHash,
            training.ExperimentId,
            training.Candidates,
            training.Winner?.Trainer,
            training.Winner?.RunId,
            registered.Version,
            workspace.Config.Serving.Alias,
            scored.Rows,
            scored.MeanProbability,
            new QuickstartLocations(workspace.Layout.MetadataFile, workspace.Layout.WarehouseFile, workspace.Layout.ArtifactsDir, workspace.Artifacts.Describe(registered.ArtifactPath), workspace.Layout.DataDir),
            clock.Elapsed), null);
    }
}
