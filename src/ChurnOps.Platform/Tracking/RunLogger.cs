using ChurnOps.Core.Artifacts;
using ChurnOps.Core.Tracking;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Platform.Tracking;

/// <summary>
/// The tracking use case ChurnOps' own training calls: the same store and artifact layout the MLflow API serves,
/// so every ChurnOps run is visible to MLflow clients. Refusals surface as <see cref="TrackingException"/>.
/// </summary>
public sealed class RunLogger
{
    private readonly IArtifactStore _artifacts;
    private readonly TimeProvider _time;
    private readonly string _projectRoot;

    public RunLogger(IExperimentStore experiments, IRunStore runs, IArtifactStore artifacts, ProjectLayout layout, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Experiments = experiments ?? throw new ArgumentNullException(nameof(experiments));
        Runs = runs ?? throw new ArgumentNullException(nameof(runs));
        _artifacts = artifacts ?? throw new ArgumentNullException(nameof(artifacts));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _projectRoot = layout.Root;
    }

    public IExperimentStore Experiments { get; }

    public IRunStore Runs { get; }

    /// <summary>The store run artifacts are written to (a registered model's hash is taken from it).</summary>
    public IArtifactStore Artifacts => _artifacts;

    /// <summary>The experiment's id, creating it when missing. A deleted experiment is an error: restore it first, as MLflow asks.</summary>
    public async Task<string> GetOrCreateExperimentAsync(string name, CancellationToken ct)
    {
        var existing = await Experiments.GetExperimentByNameAsync(name, ct).ConfigureAwait(false);
        if (existing.Value is { } experiment)
        {
            return experiment.LifecycleStage == LifecycleStage.Active
                ? experiment.ExperimentId
                : throw new TrackingException(TrackingError.Invalid($"Experiment '{name}' is deleted; restore it or choose another name."));
        }

        var created = await Experiments.CreateExperimentAsync(name, null, [], ct).ConfigureAwait(false);
        if (created.Value is { } id)
        {
            return id;
        }

        // Another process created it between our read and write: use theirs.
        if (created.Error!.Code == TrackingErrorCode.ResourceAlreadyExists)
        {
            return (await Experiments.GetExperimentByNameAsync(name, ct).ConfigureAwait(false)).Value?.ExperimentId ?? throw new TrackingException(created.Error);
        }

        throw new TrackingException(created.Error);
    }

    /// <summary>Starts a RUNNING run; adds the user, source and git commit tags MLflow clients show unless the caller set them.</summary>
    public async Task<string> StartRunAsync(string experimentId, string runName, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var all = new Dictionary<string, string>(tags, StringComparer.Ordinal);
        all.TryAdd(TrackingTag.User, Environment.UserName);
        all.TryAdd("mlflow.source.type", "LOCAL");
        all.TryAdd("mlflow.source.name", "churnops");
        foreach (var (key, value) in RunOwner.Current().ToTags())
        {
            // Lets a later command end this run as FAILED if this process dies before it does (RunReaper).
            all.TryAdd(key, value);
        }

        if (!all.ContainsKey("mlflow.source.git.commit") && GitRevision.Find(_projectRoot) is { } commit)
        {
            all["mlflow.source.git.commit"] = commit;
        }

        var result = await Runs.CreateRunAsync(
            new NewRun(experimentId, runName, all[TrackingTag.User], null, all.Select(t => new TrackingTag(t.Key, t.Value)).ToList()),
            ct).ConfigureAwait(false);
        return result.Value?.Info.RunId ?? throw new TrackingException(result.Error!);
    }

    public async Task LogParamsAsync(string runId, IReadOnlyDictionary<string, string> parameters, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var chunk in parameters.Select(p => new RunParam(p.Key, p.Value)).Chunk(TrackingLimits.MaxParamsPerBatch))
        {
            Check(await Runs.LogBatchAsync(runId, [], chunk, [], ct).ConfigureAwait(false));
        }
    }

    /// <summary>Logs each metric at <paramref name="step"/>, stamped with the workspace clock.</summary>
    public async Task LogMetricsAsync(string runId, IReadOnlyDictionary<string, double> metrics, long step, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var chunk in metrics.Select(m => new MetricPoint(m.Key, m.Value, now, step)).Chunk(TrackingLimits.MaxMetricsPerBatch))
        {
            Check(await Runs.LogBatchAsync(runId, chunk, [], [], ct).ConfigureAwait(false));
        }
    }

    public async Task SetTagsAsync(string runId, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tags);
        foreach (var chunk in tags.Select(t => new TrackingTag(t.Key, t.Value)).Chunk(TrackingLimits.MaxTagsPerBatch))
        {
            Check(await Runs.LogBatchAsync(runId, [], [], chunk, ct).ConfigureAwait(false));
        }
    }

    /// <summary>Records a dataset the run trained on (context "training"), like mlflow.log_input.</summary>
    public async Task LogInputAsync(string runId, string datasetName, string digest, string source, CancellationToken ct)
    {
        var dataset = new TrackedDataset(datasetName, digest, "local", source, null, null);
        Check(await Runs.LogInputsAsync(runId, [new DatasetInput(dataset, [new TrackingTag("mlflow.data.context", "training")])], ct).ConfigureAwait(false));
    }

    /// <summary>
    /// Writes an artifact under the run's artifact root (atomically, via the artifact store) and returns its store path,
    /// e.g. "tracking/1/&lt;run&gt;/artifacts/model/model.zip", which the registry can reference.
    /// </summary>
    public async Task<string> LogArtifactAsync(string runId, string relativePath, Func<Stream, CancellationToken, Task> write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (!ArtifactPath.TryNormalize(relativePath, out var normalized, out var pathError) || normalized.Length == 0)
        {
            throw new TrackingException(TrackingError.Invalid(pathError ?? "Artifact path is empty."));
        }

        var root = await GetArtifactRootAsync(runId, ct).ConfigureAwait(false);
        var info = await _artifacts.WriteAsync(root + "/" + normalized, write, ct).ConfigureAwait(false);
        return info.Path;
    }

    /// <summary>The store path of the run's artifact root.</summary>
    public async Task<string> GetArtifactRootAsync(string runId, CancellationToken ct)
    {
        var run = await Runs.GetRunAsync(runId, ct).ConfigureAwait(false);
        if (run.Value is null)
        {
            throw new TrackingException(run.Error!);
        }

        return TrackingArtifactUri.StorePath(run.Value.Info.ArtifactUri)
            ?? throw new TrackingException(TrackingError.Invalid($"Run {runId} stores artifacts at '{run.Value.Info.ArtifactUri}', outside this project's artifact store."));
    }

    /// <summary>Ends the run with FINISHED, FAILED or KILLED and the current time.</summary>
    public async Task EndRunAsync(string runId, string status, CancellationToken ct)
    {
        if (!RunStatus.IsValid(status) || !RunStatus.IsTerminal(status))
        {
            throw new TrackingException(TrackingError.Invalid($"Invalid end status '{status}'. Use FINISHED, FAILED or KILLED."));
        }

        var result = await Runs.UpdateRunAsync(runId, new RunUpdate(status, _time.GetUtcNow().ToUnixTimeMilliseconds(), null), ct).ConfigureAwait(false);
        Check(result.Error);
    }

    private static void Check(TrackingError? error)
    {
        if (error is not null)
        {
            throw new TrackingException(error);
        }
    }
}
