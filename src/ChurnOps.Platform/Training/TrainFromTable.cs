using System.Globalization;
using ChurnOps.Core.Warehouse;
using ChurnOps.Platform.Projects;
using ChurnOps.Training;

namespace ChurnOps.Platform.Training;

/// <summary>
/// The Train use case: reads a warehouse table, trains the candidates, and stores the winner's model package, plots and
/// reports as artifacts (each written atomically; the model only when a candidate passed the gates).
/// </summary>
public sealed class TrainFromTable(ChurnOpsWorkspace workspace)
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
        if (!await workspace.Warehouse.TableExistsAsync(schema, table, ct).ConfigureAwait(false))
        {
            return TrainingJobResult.Failed($"table {job.Table} does not exist in the warehouse");
        }

        progress?.Report($"reading {job.Table}");
        var data = await workspace.Warehouse.QueryAsync("SELECT * FROM " + SqlIdentifier.Qualified(schema, table), ct).ConfigureAwait(false);
        var request = new TrainingRequest(data, job.Label, job.Exclude, job.Trainers, job.Seed, job.TestFraction, job.Gates)
        {
            SearchTrials = job.SearchTrials,
            CrossValidationFolds = job.CrossValidationFolds,
            Threshold = job.Threshold,
            Time = workspace.Time,
        };
        var outcome = await new CandidateTrainer().TrainAsync(request, progress, ct).ConfigureAwait(false);
        if (outcome.Candidates.Count == 0)
        {
            return new TrainingJobResult(outcome, outcome.Error, null, null, []);
        }

        var root = $"training/{schema}.{table}/{workspace.Time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-seed{job.Seed}";
        var written = new List<string>();
        foreach (var artifact in outcome.Artifacts)
        {
            var path = root + "/" + artifact.Path;
            await workspace.Artifacts.WriteAsync(path, (s, token) => s.WriteAsync(artifact.Content, token).AsTask(), ct).ConfigureAwait(false);
            written.Add(path);
        }

        string? model = null;
        if (outcome.WinnerPackage is { } package)
        {
            model = root + "/model/model.zip";
            await workspace.Artifacts.WriteAsync(model, package.SaveAsync, ct).ConfigureAwait(false);
            written.Add(model);
        }

        return new TrainingJobResult(outcome, outcome.Error, root, model, written);
    }
}
