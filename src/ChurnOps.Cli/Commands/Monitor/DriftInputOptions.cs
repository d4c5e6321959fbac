using System.CommandLine;
using System.Globalization;
using ChurnOps.Core.Monitoring.Drift;
using ChurnOps.Platform.Monitoring.Drift;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Cli.Commands.Monitor;

/// <summary>
/// The options `monitor drift` and `monitor report` share: the two files, --column-test/--threshold overrides, --columns,
/// and the project directory whose churnops.yaml `monitoring.drift` settings apply when it has one.
/// </summary>
internal sealed class DriftInputOptions
{
    public Option<string> Reference { get; } = new("--reference") { Description = "The reference data (CSV with a header line, or Parquet), e.g. the training set.", Required = true };

    public Option<string> Current { get; } = new("--current") { Description = "The current data (CSV or Parquet) to compare with the reference.", Required = true };

    public Option<string[]> ColumnTest { get; } = new("--column-test")
    {
        Description = $"COL=TEST: test a column with {DriftTestNames.AllNames} instead of Evidently's choice (repeatable).",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string[]> Threshold { get; } = new("--threshold")
    {
        Description = "COL=VALUE: the threshold of a column's test (repeatable).",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string?> Columns { get; } = new("--columns") { Description = "Compare only these reference columns (comma-separated); default: all." };

    public Option<string> Dir { get; } = GlobalOptions.ProjectDir();

    public void AddTo(Command command)
    {
        command.Options.Add(Reference);
        command.Options.Add(Current);
        command.Options.Add(ColumnTest);
        command.Options.Add(Threshold);
        command.Options.Add(Columns);
        command.Options.Add(Dir);
    }

    /// <summary>The request, or every problem with the options and the project's drift settings (one per line).</summary>
    public (DriftFileRequest? Request, string? Errors) Read(ParseResult parse)
    {
        var errors = new List<string>();
        var overrides = new Dictionary<string, DriftColumnOptions>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in parse.GetValue(ColumnTest) ?? [])
        {
            if (Split(pair) is not { } split || !DriftTestNames.TryParse(split.Value, out var test))
            {
                errors.Add($"--column-test '{pair}': expected COL=TEST with TEST one of {DriftTestNames.AllNames}");
                continue;
            }

            overrides[split.Column] = (overrides.GetValueOrDefault(split.Column) ?? new DriftColumnOptions()) with { Test = test };
        }

        foreach (var pair in parse.GetValue(Threshold) ?? [])
        {
            if (Split(pair) is not { } split || !double.TryParse(split.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0) || !double.IsFinite(value))
            {
                errors.Add($"--threshold '{pair}': expected COL=VALUE with a positive number");
                continue;
            }

            overrides[split.Column] = (overrides.GetValueOrDefault(split.Column) ?? new DriftColumnOptions()) with { Threshold = value };
        }

        var settings = new DriftSettings();
        var dir = parse.GetValue(Dir)!;
        if (File.Exists(ProjectLayout.For(dir).ConfigFile))
        {
            var (config, configErrors) = ChurnOpsConfiguration.Read(ChurnOpsConfiguration.Build(dir));
            if (config is null)
            {
                errors.AddRange(configErrors);
            }
            else
            {
                settings = config.Monitoring.Drift;
            }
        }

        var columns = parse.GetValue(Columns)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (columns is { Length: 0 })
        {
            errors.Add("--columns: name at least one column");
        }

        if (errors.Count > 0)
        {
            return (null, string.Join('\n', errors));
        }

        return (new DriftFileRequest(parse.GetValue(Reference)!, parse.GetValue(Current)!, columns, settings.ToOptions(overrides)), null);
    }

    private static (string Column, string Value)? Split(string pair)
    {
        var at = pair.LastIndexOf('=');
        return at <= 0 || at == pair.Length - 1 ? null : (pair[..at].Trim(), pair[(at + 1)..].Trim());
    }
}
