using System.Data.Common;
using ChurnOps.Core.Features;
using ChurnOps.Core.Warehouse;

namespace ChurnOps.Platform.Features;

/// <summary>
/// Checks the entity rows and the requested views, then writes the point-in-time join SQL. Every problem is an
/// error value: unknown or unbuilt views, a build older than the registered version, missing key or timestamp
/// columns, null timestamps, and feature names that collide.
/// </summary>
internal sealed class TrainingSetQuery(IWarehouse warehouse, IFeatureViewRegistry registry, IPointInTimeJoinDialect dialect)
{
    public sealed record Plan(string Sql, IReadOnlyList<string> EntityColumns, IReadOnlyList<string> KeyColumns, IReadOnlyList<string> FeatureColumns, IReadOnlyDictionary<string, string> Versions);

    public async Task<(Plan? Plan, string? Error)> PrepareAsync(string entitySql, IReadOnlyList<string> viewNames, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(entitySql))
        {
            return (null, "entity rows: the entity query is empty");
        }

        if (viewNames.Count == 0)
        {
            return (null, "name at least one feature view");
        }

        var views = new List<PointInTimeView>();
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in viewNames.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var current = await registry.GetCurrentAsync(name, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return (null, $"feature view '{name}' is not registered (run 'churnops features apply')");
            }

            var build = await registry.GetLastBuildAsync(current.Definition.Name, cancellationToken).ConfigureAwait(false);
            var columns = await warehouse.DescribeAsync("features", current.Definition.Name, cancellationToken).ConfigureAwait(false);
            if (build is null || columns.Count == 0)
            {
                return (null, $"features.{current.Definition.Name} has not been built (run 'churnops features build')");
            }

            if (build.Version != current.Version)
            {
                return (null, $"features.{current.Definition.Name} was built with version {build.Version} but version {current.Version} is registered (run 'churnops features build {current.Definition.Name}')");
            }

            var keyType = columns.First(c => string.Equals(c.Name, current.Definition.Entity, StringComparison.OrdinalIgnoreCase)).SqlType;
            views.Add(new PointInTimeView(current.Definition, keyType));
            versions[current.Definition.Name] = current.Version;
        }

        IReadOnlyList<string> entityColumns;
        try
        {
            var probe = await warehouse.QueryAsync($"SELECT * FROM ({entitySql.Trim().TrimEnd(';')}) __probe LIMIT 0", cancellationToken).ConfigureAwait(false);
            entityColumns = probe.Columns.Select(c => c.Name).ToArray();
        }
        catch (DbException ex)
        {
            return (null, "entity rows: " + FeatureViewBuilder.FirstLine(ex.Message));
        }

        var present = new HashSet<string>(entityColumns, StringComparer.OrdinalIgnoreCase);
        var errors = new List<string>();
        if (!present.Contains(IPointInTimeJoinDialect.EntityTimestamp))
        {
            errors.Add($"entity rows have no '{IPointInTimeJoinDialect.EntityTimestamp}' column (columns: {string.Join(", ", entityColumns)})");
        }

        foreach (var view in views.Select(v => v.Definition))
        {
            if (!present.Contains(view.Entity))
            {
                errors.Add($"entity rows have no '{view.Entity}' column, the entity key of view '{view.Name}' (columns: {string.Join(", ", entityColumns)})");
            }
        }

        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in entityColumns)
        {
            owners[column] = "the entity rows";
        }

        foreach (var view in views.Select(v => v.Definition))
        {
            foreach (var feature in view.FeatureNames)
            {
                if (!owners.TryAdd(feature, "view '" + view.Name + "'"))
                {
                    errors.Add($"column '{feature}' of view '{view.Name}' is also in {owners[feature]}");
                }
            }
        }

        if (errors.Count > 0)
        {
            return (null, string.Join("; ", errors));
        }

        var ts = SqlIdentifier.Quote(IPointInTimeJoinDialect.EntityTimestamp);
        try
        {
            var nulls = await warehouse.ScalarAsync($"SELECT COUNT(*) FROM ({entitySql.Trim().TrimEnd(';')}) __e WHERE {warehouse.Dialect.TryCast(ts, "TIMESTAMP")} IS NULL", cancellationToken).ConfigureAwait(false);
            var count = Convert.ToInt64(nulls, System.Globalization.CultureInfo.InvariantCulture);
            if (count > 0)
            {
                return (null, $"entity rows: {count} rows have an empty or unreadable '{IPointInTimeJoinDialect.EntityTimestamp}' (each row needs the time its label was observed)");
            }
        }
        catch (DbException ex)
        {
            return (null, "entity rows: " + FeatureViewBuilder.FirstLine(ex.Message));
        }

        var keys = views.Select(v => v.Definition.Entity).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(k => entityColumns.First(c => string.Equals(c, k, StringComparison.OrdinalIgnoreCase))).ToList();
        keys.Add(entityColumns.First(c => string.Equals(c, IPointInTimeJoinDialect.EntityTimestamp, StringComparison.OrdinalIgnoreCase)));
        var features = views.SelectMany(v => v.Definition.FeatureNames).ToArray();
        var sql = dialect.Build(entitySql, entityColumns, views);
        return (new Plan(sql, entityColumns, keys, features, versions), null);
    }
}
