using System.Globalization;
using ChurnOps.Core.Artifacts;
using ChurnOps.Core.Data;
using ChurnOps.Core.Datasets;
using ChurnOps.Core.Events;
using ChurnOps.Core.Registry;
using ChurnOps.Core.Warehouse;
using ChurnOps.Platform.Features;
using ChurnOps.Platform.Ingestion;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Quickstart;
using ChurnOps.Platform.Registry.Cards;
using ChurnOps.Platform.Tracking;
using ChurnOps.Training.Candidates;

namespace ChurnOps.Platform.Training;

/// <summary>
/// The one Train use case (the CLI, the quickstart and the server call it): reads the rows (a warehouse table, or the
/// project's point-in-time training set), trains every candidate on the same split, logs each as a run, applies the
/// gates, stores the winner's model, and registers it as a new version with its lineage. Expected refusals come back
/// as a failed result, never as an exception; a failed gate is recorded, never registered.
/// </summary>
public sealed class TrainingUseCase(ProjectConfig config, IModelRegistry registry, IEventLog events, RunLogger runs, IWarehouse warehouse, FeatureStore features, IDatasetVersionStore datasets, TimeProvider time, ModelCardStore cards, Audit.AuditTrail audit)
{
    private const int MaxExperimentNameLength = 256;

    public async Task<ModelTrainingResult> TrainAsync(ModelTrainingJob job, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (ExperimentNameError(job.Experiment) is { } nameError)
        {
            return ModelTrainingResult.Failed(nameError);
        }

        var (gates, gateError) = await GateSettings.ReadAsync(registry, config, job.ModelName, cancellationToken).ConfigureAwait(false);
        if (gates is null)
        {
            return ModelTrainingResult.Failed(gateError!);
        }

        var rows = await ReadRowsAsync(job, progress, cancellationToken).ConfigureAwait(false);
        if (rows.Error is not null)
        {
            return ModelTrainingResult.Failed(rows.Error);
        }

        var data = rows.Data!;
        if (!data.HasColumn(job.Label))
        {
            return ModelTrainingResult.Failed($"label column '{job.Label}' is not in {rows.Source} (columns: {Columns(data)})");
        }

        // On a table of the caller's choosing every column to leave out was named by hand (--id, --exclude): a typo
        // would silently train on the id or the leak it meant to drop.
        if (job.Table is not null && job.Exclude.FirstOrDefault(c => !data.HasColumn(c)) is { } unknown)
        {
            return ModelTrainingResult.Failed($"column '{unknown}' to leave out (--id/--exclude) is not in {rows.Source} (columns: {Columns(data)})");
        }

        try
        {
            return await TrainAsync(job, data, rows, gates, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (TrackingException ex)
        {
            // The tracking store refused (a deleted experiment, say): the user's input, not a crash.
            return ModelTrainingResult.Failed(ex.Error.Message);
        }
    }

    /// <summary>Null when <paramref name="name"/> can name an experiment; otherwise why not.</summary>
    public static string? ExperimentNameError(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "experiment name is empty";
        }

        if (name.Length > MaxExperimentNameLength)
        {
            return $"experiment name is longer than {MaxExperimentNameLength} characters";
        }

        if (name.Any(char.IsControl) || name.Trim().Length != name.Length)
        {
            return "experiment name has control characters or leading/trailing spaces; use letters, digits, spaces and punctuation";
        }

        return null;
    }

    private async Task<ModelTrainingResult> TrainAsync(ModelTrainingJob job, TabularData data, TrainingRows rows, EvaluationGates gates, IProgress<string>? progress, CancellationToken ct)
    {
        var excluded = Excluded(job, data);
        var trainers = job.Trainers is { Count: > 0 } ? job.Trainers : config.Model.Trainers;
        var testFraction = job.TestFraction ?? config.Model.TestFraction;
        var recorder = new TrainingRunRecorder(runs);
        var tags = Tags(job, rows.Source);
        await recorder.BeginAsync(job.Experiment, $"train-{job.ModelName}", new Dictionary<string, string>(tags) { ["churnops.kind"] = "training" }, new Dictionary<string, string>
        {
            ["table"] = rows.Source,
            ["label"] = job.Label,
            ["seed"] = job.Seed.ToString(CultureInfo.InvariantCulture),
            ["trainers"] = string.Join(",", trainers),
            ["test_fraction"] = testFraction.ToString(CultureInfo.InvariantCulture),
            ["excluded_columns"] = string.Join(",", excluded),
            ["rows"] = data.RowCount.ToString(CultureInfo.InvariantCulture),
        }, ct).ConfigureAwait(false);
        var request = new TrainingRequest(data, job.Label, excluded, trainers, job.Seed, testFraction, gates)
        {
            SearchTrials = job.SearchTrials,
            CrossValidationFolds = job.CrossValidationFolds,
            Threshold = job.Threshold,
            TestRows = rows.TestRows,
            PositiveLabel = job.PositiveLabel,
            Time = time,
        };
        var outcome = await new CandidateTrainer().TrainAsync(request, progress, ct).ConfigureAwait(false);
        if (outcome.Candidates.Count == 0)
        {
            await recorder.FailAsync(ct).ConfigureAwait(false);
            return ModelTrainingResult.Failed(outcome.Error ?? "training failed");
        }

        // MLflow caps a dataset digest at 64 characters: keep the hex of "sha256:<hex>".
        var hash = rows.TrainingSet?.TrainingSetHash ?? outcome.Data.Digest;
        await recorder.LogInputAsync(rows.TrainingSet is null ? rows.Source : "training_set", hash[(hash.IndexOf(':', StringComparison.Ordinal) + 1)..], rows.Source, ct).ConfigureAwait(false);
        var (summaries, runIds, artifacts) = await recorder.CompleteAsync(outcome, tags, ct).ConfigureAwait(false);
        var written = artifacts.ToList();
        ModelVersion? registered = null;
        CandidateSummary? winner = null;
        string? modelArtifact = null;
        if (outcome.Winner is { } best && outcome.WinnerPackage is { } package)
        {
            winner = summaries.First(s => s.Trainer == best.Trainer);
            var runId = runIds[best.Trainer];
            modelArtifact = await recorder.LogModelAsync(runId, package, ct).ConfigureAwait(false);
            written.Add(modelArtifact);
            // The reference live drift compares against; kept now because the warehouse will not hold this set later.
            written.Add(await Monitoring.Live.TrainingReference.LogAsync(runs, runId, data, excluded, ct).ConfigureAwait(false));
            // The evidence goes in before the version exists, so a registered version always has it; the card needs the version number.
            var evidence = EvaluationEvidence.Of(job, request, rows, outcome, config, CodeVersion());
            if (evidence is not null)
            {
                written.Add(await cards.WriteEvidenceAsync(modelArtifact, evidence, ct).ConfigureAwait(false));
            }

            if (job.Register)
            {
                registered = await RegisterAsync(job, rows, best, winner, runId, modelArtifact, trainers, gates, ct).ConfigureAwait(false);
                if (evidence is not null)
                {
                    written.AddRange(await cards.WriteCardAsync(registered, evidence, ct).ConfigureAwait(false));
                }
            }
        }

        await recorder.EndAsync(ct).ConfigureAwait(false);
        return new ModelTrainingResult(true, null, recorder.ExperimentId, recorder.ParentRunId, summaries, winner, registered, excluded)
        {
            Outcome = outcome,
            TrainingSet = rows.TrainingSet,
            ArtifactRoot = await recorder.GetArtifactRootAsync(ct).ConfigureAwait(false),
            ModelArtifact = modelArtifact,
            Artifacts = written,
        };
    }

    private async Task<ModelVersion> RegisterAsync(ModelTrainingJob job, TrainingRows rows, CandidateResult best, CandidateSummary winner, string runId, string artifactPath, IReadOnlyList<string> trainers, EvaluationGates gates, CancellationToken ct)
    {
        var metrics = best.TestMetrics.ToDictionary(m => "test_" + m.Key, m => m.Value);
        foreach (var (name, value) in best.ValidationMetrics)
        {
            metrics["valid_" + name] = value;
        }

        var set = rows.TrainingSet;
        var (labelsVersion, datasetVersions, contracts) = await DatasetLineageAsync(job, ct).ConfigureAwait(false);
        // Recorded once, here: serving refuses the version if these bytes are ever replaced.
        var artifactSha256 = await ArtifactHash.ComputeAsync(runs.Artifacts, artifactPath, ct).ConfigureAwait(false);
        var registered = await registry.RegisterAsync(
            new NewModelVersion(
                job.ModelName,
                runId,
                artifactPath,
                best.Trainer,
                metrics,
                new ModelLineage(job.DatasetVersion ?? labelsVersion, set?.FeatureViewVersions ?? new Dictionary<string, string>(), set?.TrainingSetHash, CodeVersion(), job.Seed, job.Label, null)
                {
                    DatasetVersions = datasetVersions,
                    ContractVersion = contracts,
                    ThresholdPolicy = job.Threshold.Name,
                    Threshold = best.Threshold,
                    SourceRunId = runId,
                    TrainingSource = rows.Source,
                },
                job.User,
                $"{best.Trainer} chosen on CV + validation AUC {best.ValidationMetrics.GetValueOrDefault("selection_auc"):F4} (validation AUC {winner.ValidationAuc:F4}) among {string.Join(", ", trainers)}")
            {
                // A registered version always passed its gates (a failing winner is never registered); the verdict is the approver's evidence.
                Source = $"runs:/{runId}/model",
                OwnerTeam = new Registry.ApprovalPolicy(config).AccountableTeam,
                Gates = new GateVerdict(best.PassedGates, GateThresholds(gates), best.GateFailures),
                ArtifactSha256 = artifactSha256,
            },
            ct).ConfigureAwait(false);
        await events.AppendAsync($"model.{job.ModelName}.registered", $"{job.ModelName}/{registered.Version}", $"{{\"version\":{registered.Version}}}", ct).ConfigureAwait(false);
        await audit.RecordAsync("model_version.register", "model_version", $"{job.ModelName}/{registered.Version}", Core.Audit.AuditOutcome.Succeeded, null,
            new { status = RegistryNames.Status(registered.Status), trainer = registered.Trainer, run_id = runId, trained_by = job.User }, null, ct).ConfigureAwait(false);
        return registered;
    }

    /// <summary>
    /// Ingestion's bookkeeping columns are never features. On the project's training set the join keys and the label
    /// time are not either (the model scores customers, not moments); model.exclude applies there too.
    /// </summary>
    private List<string> Excluded(ModelTrainingJob job, TabularData data)
    {
        var leaveOut = new HashSet<string>(job.Exclude, StringComparer.OrdinalIgnoreCase);
        leaveOut.UnionWith(IngestionTables.Bookkeeping);
        if (job.Table is null)
        {
            leaveOut.Add(config.Model.Entity);
            leaveOut.UnionWith(config.Model.Exclude);
        }

        return data.Columns
            .Where(c => leaveOut.Contains(c.Name) || (job.Table is null && c.Kind == ColumnKind.Timestamp))
            .Select(c => c.Name)
            .Where(n => !n.Equals(job.Label, StringComparison.OrdinalIgnoreCase))
            .ToList();
    }

    /// <summary>The rows a job trains on: its table, or the project's point-in-time training set (also how `reproduce` rebuilds them).</summary>
    internal async Task<TrainingRows> ReadRowsAsync(ModelTrainingJob job, IProgress<string>? progress, CancellationToken ct)
    {
        if (job.TestTable is null)
        {
            return job.Table is null ? await ReadTrainingSetAsync(job, progress, ct).ConfigureAwait(false) : await ReadTableAsync(job.Table, progress, ct).ConfigureAwait(false);
        }

        if (job.Table is null)
        {
            return TrainingRows.Refused("a test table needs the training table too (--table schema.table)");
        }

        var rows = await ReadTableAsync(job.Table, progress, ct).ConfigureAwait(false);
        var test = await ReadTableAsync(job.TestTable, progress, ct).ConfigureAwait(false);
        if (rows.Error is not null || test.Error is not null)
        {
            return rows.Error is not null ? rows : TrainingRows.Refused("test " + test.Error);
        }

        var (data, error) = HeldOutTable.Append(rows.Data!, test.Data!, job.TestTable);
        return data is null
            ? TrainingRows.Refused(error!)
            : rows with { Data = data, TestRows = Enumerable.Range(rows.Data!.RowCount, test.Data!.RowCount).ToArray(), TestSource = job.TestTable };
    }

    private async Task<TrainingRows> ReadTableAsync(string qualified, IProgress<string>? progress, CancellationToken ct)
    {
        var dot = qualified.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == qualified.Length - 1)
        {
            return TrainingRows.Refused($"table '{qualified}' must be written schema.table (e.g. staging.customers)");
        }

        var (schema, table) = (qualified[..dot], qualified[(dot + 1)..]);
        if (!await warehouse.TableExistsAsync(schema, table, ct).ConfigureAwait(false))
        {
            return TrainingRows.Refused($"table {qualified} does not exist in the warehouse");
        }

        progress?.Report($"reading {qualified}");
        var data = await warehouse.QueryAsync("SELECT * FROM " + SqlIdentifier.Qualified(schema, table), ct).ConfigureAwait(false);
        return new TrainingRows(qualified, data, null, null);
    }

    /// <summary>The quickstart's training set: every label row with the feature view's values as of its label time.</summary>
    private async Task<TrainingRows> ReadTrainingSetAsync(ModelTrainingJob job, IProgress<string>? progress, CancellationToken ct)
    {
        var model = config.Model;
        var (schema, table) = (model.Labels[..model.Labels.IndexOf('.', StringComparison.Ordinal)], model.Labels[(model.Labels.IndexOf('.', StringComparison.Ordinal) + 1)..]);
        if (!await warehouse.TableExistsAsync(schema, table, ct).ConfigureAwait(false))
        {
            return TrainingRows.Refused($"labels table {model.Labels} (model.labels) does not exist in the warehouse; ingest the labels or train on a table with --table");
        }

        var labels = await warehouse.QueryAsync($"SELECT * FROM {SqlIdentifier.Qualified(schema, table)} LIMIT 0", ct).ConfigureAwait(false);
        var missing = new[] { (model.Entity, "model.entity"), (model.LabelTime, "model.label_time"), (job.Label, "the label") }
            .Where(c => !labels.HasColumn(c.Item1)).ToList();
        if (missing.Count > 0)
        {
            return TrainingRows.Refused($"labels table {model.Labels} has no {string.Join(", no ", missing.Select(m => $"'{m.Item1}' column ({m.Item2})"))} (columns: {Columns(labels)})");
        }

        var dot = model.Table.IndexOf('.', StringComparison.Ordinal);
        var view = dot >= 0 ? model.Table[(dot + 1)..] : model.Table;
        progress?.Report($"training set: {model.Labels} joined to {view} as of {model.LabelTime}");
        var entitySql = $"SELECT {SqlIdentifier.Quote(model.Entity)}, {SqlIdentifier.Quote(model.LabelTime)} AS event_timestamp, {SqlIdentifier.Quote(job.Label)} FROM {SqlIdentifier.Qualified(schema, table)}";
        var set = await features.GetTrainingSetAsync(entitySql, [view], ct).ConfigureAwait(false);
        return set.Succeeded
            ? new TrainingRows($"{model.Labels} + {view}", set.Data, set, null)
            : TrainingRows.Refused("training set: " + set.Error);
    }

    /// <summary>
    /// The loads behind the rows as "table@version" (the newest of each ingested table the training read: every one for
    /// the project's training set, the named one for --table), the labels' version, and the contracts they were checked
    /// against as "contract@version".
    /// </summary>
    private async Task<(string? Labels, IReadOnlyList<string> Versions, string? Contracts)> DatasetLineageAsync(ModelTrainingJob job, CancellationToken ct)
    {
        static string Unqualified(string name) => name[(name.IndexOf('.', StringComparison.Ordinal) + 1)..];
        var newest = (await datasets.ListAsync(null, 1000, ct).ConfigureAwait(false))
            .GroupBy(v => v.Table, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First())
            .Where(v => job.Table is null || Unqualified(v.Table).Equals(Unqualified(job.Table), StringComparison.OrdinalIgnoreCase))
            .OrderBy(v => v.Table, StringComparer.Ordinal)
            .ToList();
        var labels = job.Table is null ? newest.Find(v => Unqualified(v.Table).Equals(Unqualified(config.Model.Labels), StringComparison.OrdinalIgnoreCase))?.Version : null;
        var contracts = newest.Where(v => v.ContractId is not null).Select(v => $"{v.ContractId}@{v.ContractVersion}").Distinct(StringComparer.Ordinal).ToList();
        return (labels, newest.Select(v => $"{v.Table}@{v.Version}").ToList(), contracts.Count == 0 ? null : string.Join(", ", contracts));
    }

    private static Dictionary<string, double> GateThresholds(EvaluationGates gates)
    {
        var thresholds = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in new[] { ("min_auc", gates.MinAuc), ("min_precision", gates.MinPrecision), ("min_recall", gates.MinRecall), ("max_latency_ms", gates.MaxLatencyMs), ("must_beat_champion_by", gates.MustBeatChampionBy) })
        {
            if (value is { } v)
            {
                thresholds[name] = v;
            }
        }

        return thresholds;
    }

    private static string Columns(TabularData data) => string.Join(", ", data.Columns.Select(c => c.Name));

    private static Dictionary<string, string> Tags(ModelTrainingJob job, string source)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["mlflow.user"] = job.User,
            ["mlflow.source.name"] = "churnops",
            ["churnops.model"] = job.ModelName,
            ["churnops.table"] = source,
        };
        if (CodeVersion() is { } commit)
        {
            tags["mlflow.source.git.commit"] = commit;
        }

        return tags;
    }

    internal static string? CodeVersion() =>
        typeof(TrainingUseCase).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion;

}
