using ChurnOps.Core.Features;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ChurnOps.Platform.Features;

/// <summary>Reads every features/*.yaml of a project with its SQL; collects every file's problems at once.</summary>
internal static class FeatureViewFiles
{
    public static async Task<(IReadOnlyList<FeatureViewDefinition> Views, IReadOnlyList<string> Errors)> ReadAllAsync(
        string projectRoot, string featuresDir, CancellationToken cancellationToken)
    {
        var views = new List<FeatureViewDefinition>();
        var errors = new List<string>();
        if (!Directory.Exists(featuresDir))
        {
            return (views, [$"{featuresDir}: not found (feature views live in features/*.yaml)"]);
        }

        var files = Directory.EnumerateFiles(featuresDir, "*.yaml").Concat(Directory.EnumerateFiles(featuresDir, "*.yml"))
            .Order(StringComparer.Ordinal).ToArray();
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            var display = Path.GetRelativePath(projectRoot, file);
            var (view, fileErrors) = await ReadAsync(projectRoot, file, cancellationToken).ConfigureAwait(false);
            errors.AddRange(fileErrors.Select(e => $"{display}: {e}"));
            if (view is null)
            {
                continue;
            }

            if (byName.TryGetValue(view.Name, out var other))
            {
                errors.Add($"{display}: view '{view.Name}' is also declared in {other}");
                continue;
            }

            byName[view.Name] = display;
            views.Add(view);
        }

        if (files.Length == 0)
        {
            errors.Add($"{Path.GetRelativePath(projectRoot, featuresDir)}: no *.yaml feature views");
        }

        return (views, errors);
    }

    public static async Task<(FeatureViewDefinition? View, IReadOnlyList<string> Errors)> ReadAsync(string projectRoot, string file, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        FeatureViewYaml? yaml;
        try
        {
            yaml = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build().Deserialize<FeatureViewYaml?>(text);
        }
        catch (YamlException ex)
        {
            return (null, [$"line {ex.Start.Line}: {ex.InnerException?.Message ?? ex.Message}"]);
        }

        if (yaml is null)
        {
            return (null, ["the file is empty"]);
        }

        var errors = new List<string>();
        if (!FeatureTtl.TryParse(yaml.Ttl, out var ttl, out var ttlError))
        {
            errors.Add("ttl: " + ttlError);
            ttl = TimeSpan.FromSeconds(1);
        }

        var source = string.IsNullOrWhiteSpace(yaml.Source) ? Path.ChangeExtension(Path.GetRelativePath(projectRoot, file), ".sql") : yaml.Source;
        var sqlPath = ResolveSource(projectRoot, file, source);
        var sql = string.Empty;
        if (sqlPath is null)
        {
            errors.Add($"source: '{source}' not found");
        }
        else
        {
            sql = await File.ReadAllTextAsync(sqlPath, cancellationToken).ConfigureAwait(false);
        }

        var features = new FeatureDefinition[yaml.Features?.Count ?? 0];
        for (var i = 0; i < features.Length; i++)
        {
            var feature = yaml.Features![i] ?? new FeatureYaml();
            var (type, typeError) = FeatureStorageType.Resolve(feature.LogicalType, feature.PhysicalType);
            if (typeError is not null)
            {
                errors.Add($"features[{i}] ({feature.Name}): {typeError}");
            }

            features[i] = new FeatureDefinition(feature.Name ?? string.Empty, feature.Description, type);
        }

        var view = new FeatureViewDefinition(
            yaml.Name ?? string.Empty,
            yaml.Entity ?? string.Empty,
            yaml.Timestamp ?? string.Empty,
            string.IsNullOrWhiteSpace(yaml.CreatedTimestamp) ? null : yaml.CreatedTimestamp,
            ttl,
            yaml.Owner,
            yaml.Description,
            source,
            features,
            sql);
        errors.AddRange(FeatureViewValidator.Validate(view).Where(e => !(e.StartsWith("ttl:", StringComparison.Ordinal) || (sqlPath is null && e.StartsWith("source:", StringComparison.Ordinal)))));
        return errors.Count == 0 ? (view, errors) : (null, errors);
    }

    private static string? ResolveSource(string projectRoot, string yamlFile, string source)
    {
        foreach (var candidate in new[] { Path.Combine(projectRoot, source), Path.Combine(Path.GetDirectoryName(yamlFile)!, source) })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
