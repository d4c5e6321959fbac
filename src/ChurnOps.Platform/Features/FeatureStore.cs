using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChurnOps.Core.Data;
using ChurnOps.Core.Events;
using ChurnOps.Core.Features;
using ChurnOps.Core.Registry;
using ChurnOps.Core.Warehouse;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Platform.Features;

/// <summary>
/// The feature store of a project (Feast semantics, SQL in the warehouse): apply view definitions, build
/// features.&lt;view&gt;, assemble point-in-time-correct training sets, materialize the latest values online, and
/// look them up by entity key.
/// </summary>
public sealed class FeatureStore(
    ProjectLayout layout,
    ProjectConfig config,
    IWarehouse warehouse,
    IFeatureViewRegistry registry,
    IModelRegistry models,
    IEventLog events,
    IPointInTimeJoinDialect pointInTimeJoin,
    IQueryFileExport export,
    IOnlineStoreSource online,
    TimeProvider time)
{
    public IFeatureViewRegistry Registry { get; } = registry ?? throw new ArgumentNullException(nameof(registry));

    /// <summary>Reads features/*.yaml and registers each view's version (the hash of its definition).</summary>
    public async Task<FeatureApplyResult> ApplyAsync(bool force, CancellationToken ct)
    {
        var (views, errors) = await FeatureViewFiles.ReadAllAsync(layout.Root, layout.FeaturesDir, ct).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            return FeatureApplyResult.Fail(string.Join("; ", errors));
        }

        var applier = new FeatureViewApplier(Registry, models, [config.Model.Name], time);
        return await applier.ApplyAsync(views, force, ct).ConfigureAwait(false);
    }

    /// <summary>Builds one view (or all registered views when null) into features.&lt;view&gt; and records statistics.</summary>
    public Task<FeatureBuildResult> BuildAsync(string? viewName, CancellationToken ct) => BuildAsync(viewName, null, null, ct);

    /// <summary>Builds, replacing only event times in [from, to) when a bound is given.</summary>
    public async Task<FeatureBuildResult> BuildAsync(string? viewName, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        var registered = await Registry.ListCurrentAsync(ct).ConfigureAwait(false);
        if (registered.Count == 0)
        {
            return FeatureBuildResult.Fail("no feature views are registered (run 'churnops features apply')");
        }

        if (viewName is not null)
        {
            registered = registered.Where(v => v.Definition.Name.Equals(viewName, StringComparison.OrdinalIgnoreCase)).ToArray();
            if (registered.Count == 0)
            {
                return FeatureBuildResult.Fail($"feature view '{viewName}' is not registered (run 'churnops features apply')");
            }
        }

        var builder = new FeatureViewBuilder(warehouse, Registry, time);
        var outcomes = new List<FeatureViewBuildOutcome>();
        foreach (var view in registered)
        {
            var (outcome, error) = await builder.BuildAsync(view, from, to, ct).ConfigureAwait(false);
            if (outcome is null)
            {
                return FeatureBuildResult.Fail(error!, outcomes);
            }

            outcomes.Add(outcome);
            // Consumers (materialize, training pipelines) are triggered by this event.
            await events.AppendAsync(
                $"features.{outcome.View}.built",
                outcome.View,
                JsonSerializer.Serialize(new { view = outcome.View, version = outcome.Version, build_id = outcome.BuildId, rows = outcome.TableRows, from, to }),
                ct).ConfigureAwait(false);
        }

        return new FeatureBuildResult(true, null, outcomes);
    }

    /// <summary>
    /// Point-in-time join of the entity rows (entity keys, event_timestamp, labels…) with the views' features, in the
    /// warehouse. The hash covers the returned data, so the same inputs give the same hash.
    /// </summary>
    public async Task<TrainingSetResult> GetTrainingSetAsync(string entitySql, IReadOnlyList<string> views, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(views);
        var (plan, error) = await new TrainingSetQuery(warehouse, Registry, pointInTimeJoin).PrepareAsync(entitySql, views, ct).ConfigureAwait(false);
        if (plan is null)
        {
            return TrainingSetResult.Fail(error!);
        }

        TabularData data;
        try
        {
            data = await warehouse.QueryAsync(plan.Sql, ct).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException ex)
        {
            return TrainingSetResult.Fail("training set: " + FeatureViewBuilder.FirstLine(ex.Message));
        }

        return new TrainingSetResult(true, null, data, HashOf(data), plan.Versions, plan.KeyColumns, plan.FeatureColumns);
    }

    /// <summary>Writes the training set to a .parquet or .csv file (temp name, then rename); the hash is the file's SHA-256.</summary>
    public Task<TrainingSetExportResult> ExportTrainingSetAsync(string entitySql, IReadOnlyList<string> views, string outputPath, CancellationToken ct) =>
        TrainingSetExport.WriteAsync(warehouse, export, new TrainingSetQuery(warehouse, Registry, pointInTimeJoin), entitySql, views, outputPath, ct);

    /// <summary>Copies the latest row per entity of every built view to the online store.</summary>
    public async Task<MaterializeResult> MaterializeAsync(bool incremental, CancellationToken ct)
    {
        var online = await GetOnlineStoreAsync(ct).ConfigureAwait(false);
        return await new FeatureMaterializer(warehouse, Registry, time).MaterializeAsync(online, incremental, ct).ConfigureAwait(false);
    }

    /// <summary>The latest features of one entity; null when the view or entity is not in the online store.</summary>
    public async Task<OnlineFeatures?> GetOnlineFeaturesAsync(string view, string entityKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(entityKey);
        var online = await GetOnlineStoreAsync(ct).ConfigureAwait(false);
        var record = await online.ReadAsync(view, entityKey, ct).ConfigureAwait(false);
        return record is null ? null : new OnlineFeatures(record.View, record.Version, record.EntityKey, record.EventTimestamp, record.Values);
    }

    /// <summary>
    /// The serving path's lookup: for each view the model was trained on (view → version, from its lineage), the
    /// entity's online features, checked to be that exact version.
    /// </summary>
    public async Task<OnlineFeatureVector> GetOnlineFeatureVectorAsync(IReadOnlyDictionary<string, string> featureViewVersions, string entityKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(featureViewVersions);
        ArgumentNullException.ThrowIfNull(entityKey);
        if (featureViewVersions.Count == 0)
        {
            return OnlineFeatureVector.Fail(entityKey, "the model records no feature views, so its features cannot be looked up by entity key");
        }

        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (view, expected) in featureViewVersions.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var features = await GetOnlineFeaturesAsync(view, entityKey, ct).ConfigureAwait(false);
            if (features is null)
            {
                return OnlineFeatureVector.Fail(entityKey, $"no online features for entity '{entityKey}' in view '{view}' (is the view materialized? run 'churnops features materialize')");
            }

            if (!string.Equals(features.Version, expected, StringComparison.Ordinal))
            {
                return OnlineFeatureVector.Fail(entityKey, $"feature view '{view}' is served at version {features.Version} but the model was trained on version {expected}; build and materialize that version, or retrain the model on {features.Version}");
            }

            versions[view] = features.Version;
            foreach (var (name, value) in features.Values)
            {
                values[name] = value;
            }
        }

        return new OnlineFeatureVector(true, null, entityKey, values, versions);
    }

    /// <summary>Registered views (or one) with their last build, its statistics, and materialization state.</summary>
    public async Task<FeatureShowResult> ShowAsync(string? viewName, CancellationToken ct)
    {
        var views = await Registry.ListCurrentAsync(ct).ConfigureAwait(false);
        if (viewName is not null)
        {
            views = views.Where(v => v.Definition.Name.Equals(viewName, StringComparison.OrdinalIgnoreCase)).ToArray();
            if (views.Count == 0)
            {
                return new FeatureShowResult(false, $"feature view '{viewName}' is not registered (run 'churnops features apply')", []);
            }
        }

        var summaries = new List<FeatureViewSummary>(views.Count);
        foreach (var view in views)
        {
            var build = await Registry.GetLastBuildAsync(view.Definition.Name, ct).ConfigureAwait(false);
            var statistics = build is null ? [] : await Registry.GetStatisticsAsync(build.Id, ct).ConfigureAwait(false);
            var materialization = await Registry.GetMaterializationAsync(view.Definition.Name, ct).ConfigureAwait(false);
            summaries.Add(new FeatureViewSummary(view, build, statistics, materialization));
        }

        return new FeatureShowResult(true, null, summaries);
    }

    internal ValueTask<IOnlineStore> GetOnlineStoreAsync(CancellationToken ct) => online.GetAsync(ct);

    /// <summary>SHA-256 over column names, kinds and values in row order.</summary>
    internal static string HashOf(TabularData data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var column in data.Columns)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(column.Name + "\u0001" + column.Kind + "\u0001"));
            if (column.Numbers is { } numbers)
            {
                hash.AppendData(MemoryMarshal.AsBytes(numbers.AsSpan()));
                continue;
            }

            foreach (var text in column.Texts!)
            {
                hash.AppendData(text is null ? "\u0000"u8 : Encoding.UTF8.GetBytes(text + "\u0002"));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
