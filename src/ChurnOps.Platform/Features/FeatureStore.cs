using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using ChurnOps.Core.Data;
using ChurnOps.Core.Features;
using ChurnOps.Platform.Projects;
using ChurnOps.Storage.Features;

namespace ChurnOps.Platform.Features;

/// <summary>
/// The feature store of a project (Feast semantics, SQL in the warehouse): apply view definitions, build
/// features.&lt;view&gt;, assemble point-in-time-correct training sets, materialize the latest values online, and
/// look them up by entity key.
/// </summary>
public sealed class FeatureStore
{
    private readonly ChurnOpsWorkspace _workspace;
    private readonly SemaphoreSlim _onlineGate = new(1, 1);
    private IOnlineStore? _online;

    public FeatureStore(ChurnOpsWorkspace workspace)
        : this(workspace, null)
    {
    }

    /// <summary>With an explicit online store (Redis in team mode, a fake in tests); null opens the SQLite file.</summary>
    internal FeatureStore(ChurnOpsWorkspace workspace, IOnlineStore? online)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        _workspace = workspace;
        _online = online;
        Registry = new SqliteFeatureViewRegistry(workspace.Metadata);
    }

    public IFeatureViewRegistry Registry { get; }

    /// <summary>Reads features/*.yaml and registers each view's version (the hash of its definition).</summary>
    public async Task<FeatureApplyResult> ApplyAsync(bool force, CancellationToken ct)
    {
        var (views, errors) = await FeatureViewFiles.ReadAllAsync(_workspace.Layout.Root, _workspace.Layout.FeaturesDir, ct).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            return FeatureApplyResult.Fail(string.Join("; ", errors));
        }

        var applier = new FeatureViewApplier(Registry, _workspace.Registry, [_workspace.Config.Model.Name], _workspace.Time);
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

        var builder = new FeatureViewBuilder(_workspace.Warehouse, Registry, _workspace.Time);
        var outcomes = new List<FeatureViewBuildOutcome>();
        foreach (var view in registered)
        {
            var (outcome, error) = await builder.BuildAsync(view, from, to, ct).ConfigureAwait(false);
            if (outcome is null)
            {
                return FeatureBuildResult.Fail(error!, outcomes);
            }

            outcomes.Add(outcome);
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
        var (plan, error) = await new TrainingSetQuery(_workspace.Warehouse, Registry).PrepareAsync(entitySql, views, ct).ConfigureAwait(false);
        if (plan is null)
        {
            return TrainingSetResult.Fail(error!);
        }

        TabularData data;
        try
        {
            data = await _workspace.Warehouse.QueryAsync(plan.Sql, ct).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException ex)
        {
            return TrainingSetResult.Fail("training set: " + FeatureViewBuilder.FirstLine(ex.Message));
        }

        return new TrainingSetResult(true, null, data, HashOf(data), plan.Versions, plan.KeyColumns, plan.FeatureColumns);
    }

    /// <summary>Writes the training set to a .parquet or .csv file (temp name, then rename); the hash is the file's SHA-256.</summary>
    public Task<TrainingSetExportResult> ExportTrainingSetAsync(string entitySql, IReadOnlyList<string> views, string outputPath, CancellationToken ct) =>
        TrainingSetExport.WriteAsync(_workspace.Warehouse, new TrainingSetQuery(_workspace.Warehouse, Registry), entitySql, views, outputPath, ct);

    /// <summary>Copies the latest row per entity of every built view to the online store.</summary>
    public async Task<MaterializeResult> MaterializeAsync(bool incremental, CancellationToken ct)
    {
        var online = await GetOnlineStoreAsync(ct).ConfigureAwait(false);
        return await new FeatureMaterializer(_workspace.Warehouse, Registry, _workspace.Time).MaterializeAsync(online, incremental, ct).ConfigureAwait(false);
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

    internal async ValueTask<IOnlineStore> GetOnlineStoreAsync(CancellationToken ct)
    {
        if (_online is { } online)
        {
            return online;
        }

        await _onlineGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _online ??= await SqliteOnlineStore.OpenAsync(_workspace.Layout.OnlineStoreFile, ct).ConfigureAwait(false);
            return _online;
        }
        finally
        {
            _onlineGate.Release();
        }
    }

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
