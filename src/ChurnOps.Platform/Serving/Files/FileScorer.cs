using System.Data.Common;
using System.Diagnostics;
using ChurnOps.Core.Artifacts;
using ChurnOps.Core.Data;
using ChurnOps.Core.Registry;
using ChurnOps.Core.Warehouse;
using ChurnOps.Platform.Monitoring;
using ChurnOps.Platform.Projects;
using ChurnOps.Training.Scoring;

namespace ChurnOps.Platform.Serving.Files;

/// <summary>
/// Scores a CSV or Parquet file with a registered model into a CSV or Parquet file: id, probability, label, model
/// version per input row, in input order. Parquet input is streamed row group by row group (to CSV, or to Parquet
/// directly); CSV to Parquet goes through a CSV of the scores. The output appears whole or not at all (written to a temporary file next to
/// it, then renamed), and every expected failure (missing file, unknown model, missing column, bad row) is a result.
/// </summary>
public sealed class FileScorer(ProjectConfig config, IModelRegistry registry, IArtifactStore artifacts, IParquetConverter parquet, PredictionWriter writer, TimeProvider time)
{
    // Parquet output keeps the scores typed; the id column stays text.
    private static readonly Dictionary<string, string> ScoreColumnTypes = new(StringComparer.Ordinal)
    {
        ["probability"] = "FLOAT",
        ["label"] = "INTEGER",
        ["model_version"] = "INTEGER",
    };

    public async Task<FileScoreResult> ScoreAsync(FileScoreRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = new ScorePhaseClock();
        clock.Mark("start-up");
        var model = request.Model.Name;
        var inputFormat = FormatOf(request.InputPath);
        var outputFormat = FormatOf(request.OutputPath);
        if (inputFormat is null)
        {
            return FileScoreResult.Failed($"{request.InputPath}: the input must end in .csv or .parquet", model);
        }

        if (outputFormat is null)
        {
            return FileScoreResult.Failed($"{request.OutputPath}: the output must end in .csv or .parquet", model);
        }

        var input = Path.GetFullPath(request.InputPath);
        var output = Path.GetFullPath(request.OutputPath);
        if (!File.Exists(input))
        {
            return FileScoreResult.Failed($"{request.InputPath}: not found", model);
        }

        if (string.Equals(input, output, StringComparison.Ordinal))
        {
            return FileScoreResult.Failed($"{request.OutputPath}: the output would overwrite the input", model);
        }

        var (version, error) = await ResolveAsync(request.Model, cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            return FileScoreResult.Failed(error!, model);
        }

        clock.Mark("model resolved");
        var (package, loadError) = await ModelPackageLoader.LoadAsync(artifacts, version, cancellationToken).ConfigureAwait(false);
        if (package is null)
        {
            return FileScoreResult.Failed(loadError!, model, version.Version);
        }

        clock.Mark("package loaded");
        using var engine = new ScoringEngine(package, 1);
        clock.Mark("scorer ready");
        try
        {
            var result = await ScoreFileAsync(request, version, engine, input, output, inputFormat, outputFormat, cancellationToken).ConfigureAwait(false);
            clock.Mark("scored");
            return result;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return FileScoreResult.Failed($"{request.OutputPath}: cannot write: {ex.Message}", model, version.Version);
        }
    }

    private async Task<FileScoreResult> ScoreFileAsync(
        FileScoreRequest request, Core.Registry.ModelVersion version, ScoringEngine engine, string input, string output, string inputFormat, string outputFormat, CancellationToken cancellationToken)
    {
        var model = request.Model.Name;
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var temp = Path.Combine(Path.GetDirectoryName(output)!, $".{Path.GetFileName(output)}.{Guid.NewGuid():N}");
        try
        {
            var watch = Stopwatch.StartNew();
            var scored = input;
            var scoredFormat = inputFormat;
            if (request.Shard is { } shard)
            {
                // The shard's rows go to a CSV of their own (a Parquet input through CSV first); the scoring pipelines stay unaware of shards.
                if (inputFormat == ".parquet")
                {
                    if (await parquet.ToCsvAsync(input, temp + ".in.csv", cancellationToken).ConfigureAwait(false) is { } readError)
                    {
                        return FileScoreResult.Failed($"{request.InputPath}: {readError}", model, version.Version);
                    }

                    scored = temp + ".in.csv";
                }

                await CsvShardFilter.WriteAsync(scored, temp + ".shard.csv", shard, cancellationToken).ConfigureAwait(false);
                scored = temp + ".shard.csv";
                scoredFormat = ".csv";
            }

            var csvOut = outputFormat == ".csv" || scoredFormat == ".parquet" ? temp : temp + ".out.csv";
            CsvScoreOutcome outcome;
            await using (var source = new FileStream(scored, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, scoredFormat == ".csv" ? FileOptions.SequentialScan : FileOptions.RandomAccess))
            await using (var sink = new FileStream(csvOut, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                // Parquet is read and written a row group at a time; CSV in record-aligned chunks.
                outcome = scoredFormat == ".parquet"
                    ? await ParquetScoringPipeline.RunAsync(engine, version.Version, source, sink, outputFormat == ".parquet", request.IdColumn, config.Model.Entity, request.Log, cancellationToken).ConfigureAwait(false)
                    : await CsvScoringPipeline.RunAsync(engine, version.Version, source, sink, request.IdColumn, config.Model.Entity, request.Log, CsvScoringPipeline.DefaultChunkBytes, cancellationToken).ConfigureAwait(false);
                if (outcome.Error is null)
                {
                    await sink.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            if (outcome.Error is not null)
            {
                return FileScoreResult.Failed($"{request.InputPath}: {outcome.Error}", model, version.Version);
            }

            if (outputFormat == ".parquet" && scoredFormat == ".csv" && await parquet.FromCsvAsync(csvOut, temp, ScoreColumnTypes, cancellationToken).ConfigureAwait(false) is { } writeError)
            {
                return FileScoreResult.Failed($"{request.OutputPath}: {writeError}", model, version.Version);
            }

            long logged = 0;
            if (request.Log)
            {
                var records = new LoggedPredictions(outcome.Logged, model, version.Version, time.GetUtcNow(), engine.Threshold);
                try
                {
                    await writer.AppendAsync(records, cancellationToken).ConfigureAwait(false);
                }
                catch (DbException ex)
                {
                    // Logged before the output is moved into place, so a failed log leaves no output either.
                    return FileScoreResult.Failed("logging to monitoring.predictions failed: " + ex.Message.ReplaceLineEndings(" "), model, version.Version);
                }

                logged = records.Count;
            }

            File.Move(temp, output, overwrite: true);
            return new FileScoreResult(true, null, model, version.Version, outcome.Rows, outcome.Positive, outcome.Rows == 0 ? 0 : outcome.ProbabilitySum / outcome.Rows,
                output, outcome.IdName, logged, watch.Elapsed.TotalSeconds);
        }
        finally
        {
            foreach (var path in new[] { temp, temp + ".in.csv", temp + ".out.csv", temp + ".shard.csv" })
            {
                if (File.Exists(path))
                {
                    File.Delete(path);
                }
            }
        }
    }

    private async Task<(Core.Registry.ModelVersion? Version, string? Error)> ResolveAsync(ModelReference reference, CancellationToken cancellationToken)
    {
        var version = reference.Version is { } number
            ? await registry.GetAsync(reference.Name, number, cancellationToken).ConfigureAwait(false)
            : await registry.GetByAliasAsync(reference.Name, reference.Alias!, cancellationToken).ConfigureAwait(false);
        if (version is not null)
        {
            return (version, null);
        }

        var known = await registry.ListVersionsAsync(reference.Name, cancellationToken).ConfigureAwait(false);
        return (null, known.Count == 0
            ? $"model '{reference.Name}' is not registered"
            : reference.Version is { } v
                ? $"model '{reference.Name}' has no version {v} (versions: {string.Join(", ", known.Select(k => k.Version))})"
                : $"model '{reference.Name}' has no version with alias '{reference.Alias}'");
    }

    private static string? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => ".csv",
        ".parquet" => ".parquet",
        _ => null,
    };
}
