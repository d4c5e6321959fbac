using ChurnOps.Core.Features;
using ChurnOps.Core.Registry;

namespace ChurnOps.Platform.Features;

/// <summary>
/// Registers the project's feature view definitions. A changed view that a serving model (one holding an alias)
/// was trained on is refused when the change is breaking, unless forced; a refusal registers nothing at all. A registered
/// view whose file is gone leaves the current set (as Feast's apply does), refused the same way while a model serves on it.
/// </summary>
internal sealed class FeatureViewApplier(IFeatureViewRegistry registry, IModelRegistry models, IReadOnlyList<string> modelNames, TimeProvider time)
{
    public async Task<FeatureApplyResult> ApplyAsync(IReadOnlyList<FeatureViewDefinition> definitions, bool force, CancellationToken cancellationToken)
    {
        var serving = await ServingModelsAsync(cancellationToken).ConfigureAwait(false);
        var outcomes = new List<FeatureViewApplyOutcome>();
        var toRegister = new List<RegisteredFeatureView>();
        var now = time.GetUtcNow();
        foreach (var definition in definitions)
        {
            var version = FeatureViewVersioning.VersionOf(definition);
            var current = await registry.GetCurrentAsync(definition.Name, cancellationToken).ConfigureAwait(false);
            if (current is not null && current.Version == version)
            {
                if (!Equals(current.Definition.Owner, definition.Owner) || !Equals(current.Definition.Description, definition.Description)
                    || !current.Definition.Features.SequenceEqual(definition.Features))
                {
                    // Same version, new documentation: refresh the stored definition without a new version.
                    toRegister.Add(new RegisteredFeatureView(definition, version, current.RegisteredAt));
                }

                outcomes.Add(new FeatureViewApplyOutcome(definition.Name, version, current.Version, FeatureViewApplyStatus.Unchanged, [], []));
                continue;
            }

            var breaking = new List<string>();
            var users = new List<string>();
            foreach (var (model, viewVersion) in serving.Where(s => s.View.Equals(definition.Name, StringComparison.OrdinalIgnoreCase)).Select(s => (s.Model, s.Version)))
            {
                if (viewVersion == version)
                {
                    continue;
                }

                var trained = await registry.GetVersionAsync(definition.Name, viewVersion, cancellationToken).ConfigureAwait(false) ?? current;
                var reasons = trained is null ? ["the version the model was trained on is unknown"] : FeatureViewVersioning.BreakingChanges(trained.Definition, definition);
                if (reasons.Count > 0)
                {
                    users.Add(model);
                    breaking.AddRange(reasons.Where(r => !breaking.Contains(r)));
                }
            }

            var status = users.Count > 0 && !force ? FeatureViewApplyStatus.Refused
                : current is null ? FeatureViewApplyStatus.Created : FeatureViewApplyStatus.Updated;
            outcomes.Add(new FeatureViewApplyOutcome(definition.Name, version, current?.Version, status, breaking, users));
            toRegister.Add(new RegisteredFeatureView(definition, version, now));
        }

        var toRetire = new List<string>();
        foreach (var gone in await registry.ListCurrentAsync(cancellationToken).ConfigureAwait(false))
        {
            if (definitions.Any(d => d.Name.Equals(gone.Definition.Name, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var users = serving.Where(s => s.View.Equals(gone.Definition.Name, StringComparison.OrdinalIgnoreCase)).Select(s => s.Model).Distinct(StringComparer.Ordinal).ToArray();
            var status = users.Length > 0 && !force ? FeatureViewApplyStatus.Refused : FeatureViewApplyStatus.Removed;
            outcomes.Add(new FeatureViewApplyOutcome(gone.Definition.Name, gone.Version, gone.Version, status, users.Length > 0 ? ["view definition removed"] : [], users));
            toRetire.Add(gone.Definition.Name);
        }

        var refused = outcomes.Where(o => o.Status == FeatureViewApplyStatus.Refused).ToArray();
        if (refused.Length > 0)
        {
            var reasons = refused.Select(o => $"{o.View}: {string.Join(", ", o.BreakingChanges)} would break serving model(s) {string.Join(", ", o.ServingModels)}");
            return FeatureApplyResult.Fail(string.Join("; ", reasons) + " (nothing applied; use --force to apply anyway)", outcomes);
        }

        if (toRegister.Count > 0)
        {
            await registry.RegisterAsync(toRegister, cancellationToken).ConfigureAwait(false);
        }

        if (toRetire.Count > 0)
        {
            await registry.RetireAsync(toRetire, cancellationToken).ConfigureAwait(false);
        }

        return new FeatureApplyResult(true, null, outcomes);
    }

    /// <summary>(model "name vN (alias)", view, view version) for every aliased model version's lineage.</summary>
    private async Task<List<(string Model, string View, string Version)>> ServingModelsAsync(CancellationToken cancellationToken)
    {
        var result = new List<(string, string, string)>();
        foreach (var name in modelNames.Distinct(StringComparer.Ordinal))
        {
            var aliases = await models.GetAliasesAsync(name, cancellationToken).ConfigureAwait(false);
            foreach (var group in aliases.GroupBy(a => a.Value))
            {
                var version = await models.GetAsync(name, group.Key, cancellationToken).ConfigureAwait(false);
                if (version is null)
                {
                    continue;
                }

                var label = $"{name} v{group.Key} ({string.Join(", ", group.Select(a => a.Key).Order(StringComparer.Ordinal))})";
                foreach (var (view, viewVersion) in version.Lineage.FeatureViewVersions)
                {
                    result.Add((label, view, viewVersion));
                }
            }
        }

        return result;
    }
}
