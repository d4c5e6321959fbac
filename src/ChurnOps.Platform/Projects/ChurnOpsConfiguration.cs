using System.Collections;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace ChurnOps.Platform.Projects;

/// <summary>
/// A project's settings, 12-factor style: churnops.yaml, overridden by environment variables named after the YAML path
/// (<c>CHURNOPS__SERVING__PORT</c>, <c>CHURNOPS__SERVING__MAX_REQUEST_BYTES</c>, <c>CHURNOPS__TEAMS__0__WEBHOOK</c>).
/// </summary>
public static partial class ChurnOpsConfiguration
{
    public const string EnvironmentPrefix = "CHURNOPS__";

    /// <summary>The project directory, set by <see cref="Build"/>; not a churnops.yaml setting.</summary>
    public const string ProjectRootKey = "churnops_project_root";

    private static readonly HashSet<string> ReservedKeys = new([ProjectRootKey], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The merged settings of the project at <paramref name="projectRoot"/>. <paramref name="environment"/> replaces the
    /// process environment (tests); null reads the process's CHURNOPS__* variables (the prefix in any case).
    /// </summary>
    public static IConfigurationRoot Build(string projectRoot, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var layout = ProjectLayout.For(projectRoot);
        var variables = environment ?? Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        // Keys are lower-cased so a dictionary entry set from the environment (CHURNOPS__GATES__MIN_AUC) has the name
        // churnops.yaml would give it (min_auc).
        var builder = new ConfigurationBuilder()
            .Add(new YamlConfigurationSource(layout.ConfigFile))
            .AddInMemoryCollection(variables
                .Where(e => e.Key.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
                .Select(e => new KeyValuePair<string, string?>(
                    e.Key[EnvironmentPrefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal).ToLowerInvariant(), e.Value)));
        // Last, so no setting can move the project's own files elsewhere.
        builder.AddInMemoryCollection([new KeyValuePair<string, string?>(ProjectRootKey, layout.Root)]);
        return builder.Build();
    }

    /// <summary>The project directory the configuration was built for.</summary>
    public static string ProjectRoot(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[ProjectRootKey] ?? throw new InvalidOperationException("the configuration was not built by ChurnOpsConfiguration.Build (no project directory)");
    }

    /// <summary>Binds and validates the settings: the config, or every problem at once, one line each, naming where each value came from.</summary>
    public static (ProjectConfig? Config, IReadOnlyList<string> Errors) Read(IConfigurationRoot configuration)
    {
        var config = new ProjectConfig();
        var errors = Bind(configuration, config);
        return errors.Count == 0 ? (config, errors) : (null, errors);
    }

    /// <summary>Binds onto <paramref name="target"/>; the problems of the values and of the result's validation.</summary>
    internal static IReadOnlyList<string> Bind(IConfigurationRoot configuration, ProjectConfig target)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var yaml = configuration.Providers.OfType<YamlConfigurationProvider>().Single();
        if (yaml.Problem is { } problem && !File.Exists(yaml.Path))
        {
            return [problem];
        }

        var errors = new List<string>();
        if (yaml.Problem is { } unreadable)
        {
            errors.Add(unreadable);
        }

        var bindErrors = new ProjectConfigBinder(configuration, key => DescribeSource(configuration, key)).Bind(target, ReservedKeys);
        errors.AddRange(bindErrors);
        if (bindErrors.Count == 0)
        {
            // Range and consistency checks only mean something once every value has its type.
            errors.AddRange(target.Validate().Select(line => WithSource(configuration, line)));
        }

        return errors;
    }

    /// <summary>"/p/churnops.yaml:27" for a value from the file, "CHURNOPS__SERVING__PORT" for one from the environment.</summary>
    internal static string DescribeSource(IConfigurationRoot configuration, string key)
    {
        var yaml = configuration.Providers.OfType<YamlConfigurationProvider>().Single();
        foreach (var provider in configuration.Providers.Reverse())
        {
            if (!provider.TryGet(key, out _) && !provider.GetChildKeys([], key).Any())
            {
                continue;
            }

            if (provider is YamlConfigurationProvider file)
            {
                return file.LineOf(key) is { } line ? $"{file.Path}:{line}" : file.Path;
            }

            // Between the file and the project directory: the environment.
            if (!ReferenceEquals(provider, configuration.Providers.Last()))
            {
                return EnvironmentPrefix + key.Replace(ConfigurationPath.KeyDelimiter, "__", StringComparison.Ordinal).ToUpperInvariant();
            }
        }

        return yaml.Path;
    }

    // "teams[0].webhook: message" → the source of teams:0:webhook, then the line.
    private static string WithSource(IConfigurationRoot configuration, string line)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        var path = colon < 0 ? string.Empty : line[..colon];
        var key = IndexPattern().Replace(path, ":$1").Replace('.', ':');
        return $"{DescribeSource(configuration, key)}: {line}";
    }

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex IndexPattern();
}
