using System.Globalization;
using ChurnOps.Core.Warehouse;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Tracking;
using ChurnOps.Training.Candidates;

namespace ChurnOps.Platform.Training;

/// <summary>
/// The Train use case: reads a warehouse table, trains the candidates, logs every candidate as a tracked run, and stores the
/// plots and reports on the parent run and the winner's model package on its run (the model only when a candidate passed the gates).
/// </summary>
public sealed class TrainFromTable(IWarehouse warehouse, RunLogger runs, TimeProvider time)
{
    public async Task<TrainingJobResult> RunAsync(TrainingJob job, IProgress<string>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        var dot = job.Table.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == job.Table.Length - 1)
        {
            return TrainingJobResult.Failed($"table '{job.Table}' must be written schema.table (e.g. staging.customers)");
        }

        var (schema, table) = (job.Table[..dot], job.Table[(dot + 1)..]);
        if (!await warehouse.TableExistsAsync(schema, table, ct).ConfigureAwait(false))
        {
            return TrainingJobResult.Failed($"table {job.Table} does not exist in the warehouse");
        }

        progress?.Report($"reading {job.Table}");
        var data = await warehouse.QueryAsync("SELECT * FROM " + SqlIdentifier.Qualified(schema, table), ct).ConfigureAwait(false);
        var request = new TrainingRequest(data, job.Label, job.Exclude, job.Trainers, job.Seed, job.TestFraction, job.Gates)
        {
            SearchTrials = job.SearchTrials,
            CrossValidationFolds = job.CrossValidationFolds,
            Threshold = job.Threshold,
            Time = time,
        };
        var recorder = new TrainingRunRecorder(runs);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["mlflow.user"] = Environment.UserName,
            ["mlflow.source.name"] = "churnops train",
            ["churnops.table"] = job.Table,
        };
        await recorder.BeginAsync(job.Table, $"train-{table}", tags, new Dictionary<string, string>
        {
            ["table"] = job.Table,
            ["label"] = job.Label,
            ["seed"] = job.Seed.ToString(CultureInfo.InvariantCulture),
            ["trainers"] = string.Join(",", job.Trainers),
            ["test_fraction"] = job.TestFraction.ToString(CultureInfo.InvariantCulture),
            ["excluded_columns"] = string.Join(",", job.Exclude),
        }, ct).ConfigureAwait(false);
        var outcome = await new CandidateTrainer().TrainAsync(request, progress, ct).ConfigureAwait(false);
        if (outcome.Candidates.Count == 0)
        {
            await recorder.FailAsync(ct).ConfigureAwait(false);
            return new TrainingJobResult(outcome, outcome.Error, null, null, []);
        }

        // MLflow caps a dataset digest at 64 characters: keep the hex of "sha256:<hex>".
        var digest = outcome.Data.Digest[(outcome.Data.Digest.IndexOf(':', StringComparison.Ordinal) + 1)..];
        await recorder.LogInputAsync(job.Table, digest, job.Table, ct).ConfigureAwait(false);
        var (_, runIds, artifacts) = await recorder.CompleteAsync(outcome, tags, ct).ConfigureAwait(false);
        var written = artifacts.ToList();
        string? model = null;
        if (outcome.Winner is { } winner && outcome.WinnerPackage is { } package)
        {
            model = await recorder.LogModelAsync(runIds[winner.Trainer], package, ct).ConfigureAwait(false);
            written.Add(model);
        }

        await recorder.EndAsync(ct).ConfigureAwait(false);
        var root = await recorder.GetArtifactRootAsync(ct).ConfigureAwait(false);
        return new TrainingJobResult(outcome, outcome.Error, root, model, written, recorder.ExperimentId, recorder.ParentRunId);
    }
}
