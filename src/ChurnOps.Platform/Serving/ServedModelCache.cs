using System.Collections.Concurrent;
using ChurnOps.Core.Artifacts;
using ChurnOps.Core.Registry;
using ChurnOps.Platform.Projects;
using ChurnOps.Training.Scoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChurnOps.Platform.Serving;

/// <summary>
/// Keeps the model each alias points at loaded. When the alias moves (a promotion or rollback) the next lookup after the
/// refresh interval loads the new version and swaps the reference atomically; in-flight requests finish on the old one,
/// and requests arriving while the check runs are answered by the old one rather than waiting for it.
/// </summary>
public sealed class ServedModelCache(ProjectConfig config, IModelRegistry registry, IArtifactStore artifacts, TimeProvider time, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly ConcurrentDictionary<(string Model, string Alias), Entry> _entries = new();
    private readonly ConcurrentDictionary<(string Model, int Version), ServedModel> _versions = new();
    private readonly SemaphoreSlim _loadLock = new(1, 1);

    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(2);

    public async ValueTask<(ServedModel? Model, string? Error)> GetAsync(string modelName, string alias, CancellationToken cancellationToken)
    {
        var key = (modelName, alias);
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && now - entry.CheckedAt < RefreshInterval)
        {
            return (entry.Model, null);
        }

        // While one request re-checks the alias, the others go on with the model they have instead of queueing behind it.
        if (entry is not null)
        {
            if (!_loadLock.Wait(0, CancellationToken.None))
            {
                return (entry.Model, null);
            }
        }
        else
        {
            await _loadLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            if (_entries.TryGetValue(key, out entry) && now - entry.CheckedAt < RefreshInterval)
            {
                return (entry.Model, null);
            }

            var version = await registry.GetByAliasAsync(modelName, alias, cancellationToken).ConfigureAwait(false);
            if (version is null)
            {
                var known = await registry.ListVersionsAsync(modelName, cancellationToken).ConfigureAwait(false);
                return (null, known.Count == 0
                    ? $"model '{modelName}' is not registered"
                    : $"model '{modelName}' has no version with alias '{alias}'");
            }

            if (entry is not null && entry.Model.Version.Version == version.Version)
            {
                _entries[key] = entry with { CheckedAt = now };
                return (entry.Model, null);
            }

            var (package, error) = await ModelPackageLoader.LoadAsync(artifacts, version, cancellationToken).ConfigureAwait(false);
            if (package is null)
            {
                return (null, error);
            }

            var served = new ServedModel(version, new ScoringEngine(package, config.Serving.PoolSize), now);
            _entries[key] = new Entry(served, now);
            if (entry is null)
            {
                ServingLog.ModelLoaded(_logger, modelName, alias, version.Version, served.Engine.Scorer);
            }
            else
            {
                ServingLog.ModelSwapped(_logger, modelName, alias, entry.Model.Version.Version, version.Version);
            }

            return (served, null);
        }
        finally
        {
            _loadLock.Release();
        }
    }

    /// <summary>
    /// One exact registered version (the protocol's /versions/{v} routes), loaded on first use and then kept: a model
    /// version is immutable, so it never needs re-checking. An alias entry already holding that version is reused.
    /// </summary>
    public async ValueTask<(ServedModel? Model, string? Error)> GetVersionAsync(string modelName, int version, CancellationToken cancellationToken)
    {
        if (_versions.TryGetValue((modelName, version), out var cached))
        {
            return (cached, null);
        }

        await _loadLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_versions.TryGetValue((modelName, version), out cached))
            {
                return (cached, null);
            }

            var found = await registry.GetAsync(modelName, version, cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                var known = await registry.ListVersionsAsync(modelName, cancellationToken).ConfigureAwait(false);
                return (null, known.Count == 0
                    ? $"model '{modelName}' is not registered"
                    : $"model '{modelName}' has no version {version}");
            }

            var served = _entries.Values.Select(e => e.Model).FirstOrDefault(m => m.Version.ModelName == found.ModelName && m.Version.Version == found.Version);
            if (served is null)
            {
                var (package, error) = await ModelPackageLoader.LoadAsync(artifacts, found, cancellationToken).ConfigureAwait(false);
                if (package is null)
                {
                    return (null, error);
                }

                served = new ServedModel(found, new ScoringEngine(package, config.Serving.PoolSize), time.GetUtcNow());
            }

            _versions[(modelName, version)] = served;
            return (served, null);
        }
        finally
        {
            _loadLock.Release();
        }
    }

    private sealed record Entry(ServedModel Model, DateTimeOffset CheckedAt);
}
