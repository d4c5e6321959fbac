using System.Globalization;
using ChurnOps.Core.Data;
using ChurnOps.Core.Features;
using ChurnOps.Core.Warehouse;

namespace ChurnOps.Platform.Features;

/// <summary>
/// Copies the latest row per entity of each built view to the online store. Incremental runs read only rows
/// newer than the view's watermark; a new view version always rewrites the view's online rows.
/// </summary>
internal sealed class FeatureMaterializer(IWarehouse warehouse, IFeatureViewRegistry registry, TimeProvider time)
{
    public async Task<MaterializeResult> MaterializeAsync(IOnlineStore online, bool incremental, CancellationToken cancellationToken)
    {
        var views = await registry.ListCurrentAsync(cancellationToken).ConfigureAwait(false);
        if (views.Count == 0)
        {
            return MaterializeResult.Fail("no feature views are registered (run 'churnops features apply')");
        }

        var done = new List<ViewMaterialization>();
        var skipped = new List<string>();
        foreach (var registered in views)
        {
            var view = registered.Definition;
            var build = await registry.GetLastBuildAsync(view.Name, cancellationToken).ConfigureAwait(false);
            if (build is null || !await warehouse.TableExistsAsync("features", view.Name, cancellationToken).ConfigureAwait(false))
            {
                skipped.Add($"{view.Name}: not built");
                continue;
            }

            // The table holds what the last build wrote, so its definition (not a newer registered one) describes it.
            var built = build.Version == registered.Version
                ? registered
                : await registry.GetVersionAsync(view.Name, build.Version, cancellationToken).ConfigureAwait(false) ?? registered;
            var state = await registry.GetMaterializationAsync(view.Name, cancellationToken).ConfigureAwait(false);
            var full = !incremental || state is null || state.Version != build.Version || state.Watermark is null;
            var since = full ? null : state!.Watermark;
            var data = await warehouse.QueryAsync(LatestRowsSql(warehouse.Dialect, built.Definition, since), cancellationToken).ConfigureAwait(false);
            var records = ToRecords(built.Definition, build.Version, data);
            await online.WriteAsync(view.Name, records, replaceView: full, cancellationToken).ConfigureAwait(false);
            var watermark = records.Count == 0 ? since : records.Max(r => r.EventTimestamp);
            if (since is { } s && watermark < s)
            {
                watermark = s;
            }

            var entities = await online.CountAsync(view.Name, cancellationToken).ConfigureAwait(false);
            await registry.SaveMaterializationAsync(new MaterializationState(view.Name, build.Version, watermark, entities, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            done.Add(new ViewMaterialization(view.Name, build.Version, records.Count, entities, watermark, full));
        }

        if (done.Count == 0)
        {
            return new MaterializeResult(false, "no feature view has been built (run 'churnops features build')", done, skipped);
        }

        return new MaterializeResult(true, null, done, skipped);
    }

    private static string LatestRowsSql(IWarehouseDialect dialect, FeatureViewDefinition view, DateTimeOffset? since)
    {
        var key = SqlIdentifier.Quote(view.Entity);
        var ts = SqlIdentifier.Quote(view.TimestampColumn);
        var filter = since is { } s
            ? $"WHERE {ts} > CAST({SqlIdentifier.Literal(s.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture))} AS TIMESTAMP)"
            : string.Empty;
        return $"SELECT DISTINCT ON ({key}) CAST({key} AS VARCHAR) AS __entity, {dialect.EpochMicroseconds(ts)} AS __ts_us, {string.Join(", ", view.FeatureNames.Select(SqlIdentifier.Quote))} " +
            $"FROM {SqlIdentifier.Qualified("features", view.Name)} {filter} ORDER BY {key}, {ts} DESC";
    }

    private static List<OnlineFeatureRecord> ToRecords(FeatureViewDefinition view, string version, TabularData data)
    {
        var keys = data["__entity"].Texts!;
        var times = data["__ts_us"].Numbers!;
        var features = view.FeatureNames.Select(f => data[f]).ToArray();
        var records = new List<OnlineFeatureRecord>(data.RowCount);
        for (var r = 0; r < data.RowCount; r++)
        {
            var values = new Dictionary<string, object?>(features.Length, StringComparer.Ordinal);
            foreach (var column in features)
            {
                values[column.Name] = column.Numbers is { } numbers
                    ? (double.IsNaN(numbers[r]) ? null : numbers[r])
                    : column.Texts![r];
            }

            records.Add(new OnlineFeatureRecord(view.Name, version, keys[r]!, DateTimeOffset.UnixEpoch.AddTicks((long)times[r] * 10), values));
        }

        return records;
    }
}
