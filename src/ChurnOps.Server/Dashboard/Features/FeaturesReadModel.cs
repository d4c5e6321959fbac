using System.Globalization;
using ChurnOps.Core.Features;
using ChurnOps.Core.Registry;

namespace ChurnOps.Server.Dashboard.Features;

/// <summary>
/// The Features section: current views with their builds and materialization, the statistics of the last build, and
/// the models (from the registry's lineage) trained on each view and at which version.
/// </summary>
internal sealed class FeaturesReadModel(IFeatureViewRegistry views, IModelRegistry registry)
{
    public async Task<IReadOnlyList<FeatureViewRow>> ListAsync(CancellationToken cancellationToken)
    {
        var uses = await UsesAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<FeatureViewRow>();
        foreach (var view in (await views.ListCurrentAsync(cancellationToken).ConfigureAwait(false)).OrderBy(v => v.Definition.Name, StringComparer.Ordinal))
        {
            rows.Add(await RowAsync(view, uses, cancellationToken).ConfigureAwait(false));
        }

        return rows;
    }

    public async Task<DashboardOutcome<FeatureViewDetail>> ViewAsync(string name, CancellationToken cancellationToken)
    {
        var view = await views.GetCurrentAsync(name, cancellationToken).ConfigureAwait(false);
        if (view is null)
        {
            return DashboardProblem.NotFound("Feature view not found", $"There is no current feature view '{DashboardErrors.Excerpt(name, 80)}' ('churnops features apply' registers the project's views).");
        }

        var uses = await UsesAsync(cancellationToken).ConfigureAwait(false);
        var row = await RowAsync(view, uses, cancellationToken).ConfigureAwait(false);
        var build = await views.GetLastBuildAsync(name, cancellationToken).ConfigureAwait(false);
        var descriptions = view.Definition.Features.ToDictionary(f => f.Name, f => f.Description, StringComparer.OrdinalIgnoreCase);
        var stats = build is null ? [] : (await views.GetStatisticsAsync(build.Id, cancellationToken).ConfigureAwait(false))
            .Select(s => new FeatureStat(s.Feature, descriptions.GetValueOrDefault(s.Feature), s.IsNumeric, s.Count, s.Nulls, s.Mean, s.Std, s.Min, s.Max, s.Distinct, [.. s.Histogram.Select(Bin)]))
            .ToList();
        var versions = new List<FeatureViewVersionRow> { new(view.Version, view.RegisteredAt, true, Models(uses, name, view.Version)) };
        foreach (var older in uses.Where(u => u.View == name && u.Use.ViewVersion != view.Version).Select(u => u.Use.ViewVersion).Distinct(StringComparer.Ordinal))
        {
            var registered = await views.GetVersionAsync(name, older, cancellationToken).ConfigureAwait(false);
            versions.Add(new FeatureViewVersionRow(older, registered?.RegisteredAt, false, Models(uses, name, older)));
        }

        return new FeatureViewDetail(row, view.Definition.Ttl.ToString("c", CultureInfo.InvariantCulture), versions, stats, build?.Id, view.Definition.Sql);
    }

    private async Task<FeatureViewRow> RowAsync(RegisteredFeatureView view, IReadOnlyList<(string View, ModelUse Use)> uses, CancellationToken cancellationToken)
    {
        var name = view.Definition.Name;
        var build = await views.GetLastBuildAsync(name, cancellationToken).ConfigureAwait(false);
        var online = await views.GetMaterializationAsync(name, cancellationToken).ConfigureAwait(false);
        var usedBy = uses.Where(u => u.View == name).Select(u => u.Use with { OnCurrentVersion = u.Use.ViewVersion == view.Version }).ToList();
        return new FeatureViewRow(name, view.Version, view.Definition.Entity, view.Definition.Owner, view.Definition.Description, view.Definition.Source, view.Definition.Features.Count,
            view.RegisteredAt, build?.BuiltAt, build?.TableRows, online?.MaterializedAt, online?.Entities, usedBy);
    }

    /// <summary>Every (view, model version) pair from the registry's lineage.</summary>
    private async Task<IReadOnlyList<(string View, ModelUse Use)>> UsesAsync(CancellationToken cancellationToken)
    {
        var uses = new List<(string, ModelUse)>();
        foreach (var model in (await registry.SearchModelsAsync(RegistryQuery.All, cancellationToken).ConfigureAwait(false)).Items)
        {
            var aliases = await registry.GetAliasesAsync(model.Name, cancellationToken).ConfigureAwait(false);
            foreach (var version in await registry.ListVersionsAsync(model.Name, cancellationToken).ConfigureAwait(false))
            {
                var held = aliases.Where(a => a.Value == version.Version).Select(a => a.Key).Order(StringComparer.Ordinal).ToList();
                uses.AddRange(version.Lineage.FeatureViewVersions.Select(fv => (fv.Key, new ModelUse(model.Name, version.Version, fv.Value, held, false))));
            }
        }

        return uses;
    }

    private static IReadOnlyList<string> Models(IReadOnlyList<(string View, ModelUse Use)> uses, string view, string version) =>
        [.. uses.Where(u => u.View == view && u.Use.ViewVersion == version).Select(u => $"{u.Use.Model} v{u.Use.Version}")];

    private static FeatureBin Bin(HistogramBin bin) =>
        new(bin.Value ?? (bin.Lower is null && bin.Upper is null ? "null" : $"{(bin.Lower is { } low ? Charts.ChartScale.Format(low) : "−∞")}–{(bin.Upper is { } high ? Charts.ChartScale.Format(high) : "∞")}"), bin.Count, bin.Lower);
}
