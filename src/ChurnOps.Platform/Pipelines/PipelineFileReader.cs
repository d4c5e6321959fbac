using ChurnOps.Core.Pipelines;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChurnOps.Platform.Pipelines;

/// <summary>
/// Reads one <c>pipelines/*.yaml</c>: the shape (keys, types, durations, retry, trigger rules, schedule), every problem
/// with its line. Cross-step checks (needs, cycles, actions, events) are <see cref="PipelineValidator"/>'s.
/// </summary>
public sealed class PipelineFileReader
{
    private static readonly string[] TopKeys = ["name", "owner", "description", "schedule", "timezone", "triggers", "parameters", "steps"];
    private static readonly string[] StepKeys = ["name", "run", "args", "shell", "needs", "retry", "timeout", "trigger_rule", "description"];
    private static readonly string[] RetryKeys = ["attempts", "backoff", "max_backoff"];
    private static readonly TimeSpan DefaultMaxBackoff = TimeSpan.FromMinutes(10);

    private readonly List<PipelineIssue> _issues = [];
    private readonly string _file;

    private PipelineFileReader(string file) => _file = file;

    public static ParsedPipeline Read(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new PipelineFileReader(file).Read(text);
    }

    private ParsedPipeline Read(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            Error(ex.Start.Line, $"not valid YAML: {Clip(ex.InnerException?.Message ?? ex.Message)}");
            return new ParsedPipeline(null, _issues, [], 0);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            Error(1, "a pipeline is a mapping with name, owner and steps");
            return new ParsedPipeline(null, _issues, [], 0);
        }

        UnknownKeys(root, TopKeys, "pipeline");
        var name = Scalar(root, "name", required: true) ?? string.Empty;
        if (name.Length > 0 && !IsName(name))
        {
            Error(Line(root, "name"), $"name: '{Clip(name)}' must be letters, digits, '_' or '-'");
        }

        var owner = Scalar(root, "owner", required: true) ?? string.Empty;
        var schedule = Scalar(root, "schedule", required: false);
        var timeZone = Scalar(root, "timezone", required: false);
        if (schedule is not null && PipelineSchedule.Parse(schedule, timeZone).Error is { } scheduleError)
        {
            Error(Line(root, scheduleError.StartsWith("timezone", StringComparison.Ordinal) ? "timezone" : "schedule"), scheduleError);
        }
        else if (schedule is null && timeZone is not null)
        {
            Error(Line(root, "timezone"), "timezone: given without a schedule");
        }

        var (triggers, triggerLines) = Triggers(root);
        var parameters = Parameters(root);
        var steps = Steps(root);
        var definition = new PipelineDefinition(name, owner, schedule, timeZone, triggers, parameters, steps, _file);
        return new ParsedPipeline(definition, _issues, triggerLines, Line(root, "schedule"));
    }

    private (List<string> Triggers, List<int> Lines) Triggers(YamlMappingNode root)
    {
        var triggers = new List<string>();
        var lines = new List<int>();
        if (Child(root, "triggers") is not { } node)
        {
            return (triggers, lines);
        }

        if (node is not YamlSequenceNode list)
        {
            Error(LineOf(node), "triggers: expected a list of '- event: NAME'");
            return (triggers, lines);
        }

        foreach (var item in list)
        {
            var eventName = item switch
            {
                YamlScalarNode scalar => scalar.Value,
                YamlMappingNode map when map.Children.Count == 1 && Child(map, "event") is YamlScalarNode value => value.Value,
                _ => null,
            };
            if (string.IsNullOrWhiteSpace(eventName))
            {
                Error(LineOf(item), "triggers: each trigger is '- event: NAME' (e.g. data.customers.updated)");
                continue;
            }

            triggers.Add(eventName.Trim());
            lines.Add(LineOf(item));
        }

        return (triggers, lines);
    }

    private Dictionary<string, string> Parameters(YamlMappingNode root)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Child(root, "parameters") is not { } node)
        {
            return parameters;
        }

        if (node is not YamlMappingNode map)
        {
            Error(LineOf(node), "parameters: expected a mapping of NAME: DEFAULT");
            return parameters;
        }

        foreach (var (key, value) in map.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            var fallback = value switch
            {
                YamlScalarNode scalar => scalar.Value ?? string.Empty,
                YamlMappingNode detail when Child(detail, "default") is YamlScalarNode d => d.Value ?? string.Empty,
                YamlMappingNode => string.Empty,
                _ => null,
            };
            if (!IsName(name) || fallback is null)
            {
                Error(LineOf(key), $"parameters: '{Clip(name)}' must be a name with a default value (NAME: VALUE, or NAME: {{default: VALUE}})");
                continue;
            }

            parameters[name] = fallback;
        }

        return parameters;
    }

    private List<PipelineStep> Steps(YamlMappingNode root)
    {
        var steps = new List<PipelineStep>();
        var node = Child(root, "steps");
        if (node is not YamlSequenceNode list || list.Children.Count == 0)
        {
            Error(node is null ? 1 : LineOf(node), "steps: a pipeline needs a list of at least one step");
            return steps;
        }

        foreach (var item in list)
        {
            if (item is not YamlMappingNode step)
            {
                Error(LineOf(item), "steps: each step is a mapping with name and run (or shell)");
                continue;
            }

            steps.Add(Step(step));
        }

        return steps;
    }

    private PipelineStep Step(YamlMappingNode step)
    {
        var line = LineOf(step);
        UnknownKeys(step, StepKeys, "step");
        var name = Scalar(step, "name", required: true) ?? string.Empty;
        if (name.Length > 0 && !IsName(name))
        {
            Error(Line(step, "name"), $"step name '{Clip(name)}' must be letters, digits, '_' or '-'");
        }

        var run = Scalar(step, "run", required: false);
        var shell = Scalar(step, "shell", required: false);
        if ((run is null) == (shell is null))
        {
            Error(line, $"step '{name}': give exactly one of run (a step action such as train) or shell (a command)");
        }

        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Child(step, "args") is { } argsNode)
        {
            if (argsNode is YamlMappingNode argsMap && argsMap.Children.All(a => a.Key is YamlScalarNode && a.Value is YamlScalarNode))
            {
                foreach (var (key, value) in argsMap.Children)
                {
                    args[((YamlScalarNode)key).Value ?? string.Empty] = ((YamlScalarNode)value).Value ?? string.Empty;
                }
            }
            else
            {
                Error(LineOf(argsNode), $"step '{name}': args is a mapping of NAME: VALUE");
            }
        }

        var needs = new List<string>();
        if (Child(step, "needs") is { } needsNode)
        {
            switch (needsNode)
            {
                case YamlScalarNode single when !string.IsNullOrWhiteSpace(single.Value):
                    needs.Add(single.Value!.Trim());
                    break;
                case YamlSequenceNode many when many.Children.All(n => n is YamlScalarNode):
                    needs.AddRange(many.Children.Select(n => ((YamlScalarNode)n).Value ?? string.Empty));
                    break;
                default:
                    Error(LineOf(needsNode), $"step '{name}': needs is a list of step names");
                    break;
            }
        }

        var rule = TriggerRule.AllSuccess;
        if (Scalar(step, "trigger_rule", required: false) is { } ruleText)
        {
            switch (ruleText)
            {
                case "all_success": rule = TriggerRule.AllSuccess; break;
                case "all_done": rule = TriggerRule.AllDone; break;
                case "one_failed": rule = TriggerRule.OneFailed; break;
                default:
                    Error(Line(step, "trigger_rule"), $"step '{name}': trigger_rule '{Clip(ruleText)}' is not one of all_success, all_done, one_failed");
                    break;
            }
        }

        TimeSpan? timeout = null;
        if (Scalar(step, "timeout", required: false) is { } timeoutText)
        {
            if (PipelineDuration.TryParse(timeoutText, out var parsed) && parsed > TimeSpan.Zero)
            {
                timeout = parsed;
            }
            else
            {
                Error(Line(step, "timeout"), $"step '{name}': timeout '{Clip(timeoutText)}' is not a duration (e.g. 30s, 5m, 2h)");
            }
        }

        return new PipelineStep(name, run, args, shell, needs, Retry(step, name), timeout, rule, line);
    }

    private RetryPolicy Retry(YamlMappingNode step, string name)
    {
        if (Child(step, "retry") is not { } node)
        {
            return RetryPolicy.None;
        }

        if (node is not YamlMappingNode retry)
        {
            Error(LineOf(node), $"step '{name}': retry is a mapping: {{ attempts: 3, backoff: 30s, max_backoff: 10m }}");
            return RetryPolicy.None;
        }

        UnknownKeys(retry, RetryKeys, "retry");
        var attempts = 1;
        if (Scalar(retry, "attempts", required: true) is { } attemptsText && (!int.TryParse(attemptsText, out attempts) || attempts is < 1 or > 100))
        {
            Error(Line(retry, "attempts"), $"step '{name}': retry.attempts '{Clip(attemptsText)}' must be a whole number from 1 to 100 (every try, the first included)");
            attempts = 1;
        }

        var backoff = Duration(retry, "backoff", name, TimeSpan.Zero);
        var cap = Duration(retry, "max_backoff", name, backoff > DefaultMaxBackoff ? backoff : DefaultMaxBackoff);
        if (cap < backoff)
        {
            Error(Line(retry, "max_backoff"), $"step '{name}': retry.max_backoff is shorter than retry.backoff");
        }

        return new RetryPolicy(attempts, backoff, cap);
    }

    private TimeSpan Duration(YamlMappingNode map, string key, string step, TimeSpan fallback)
    {
        if (Scalar(map, key, required: false) is not { } text)
        {
            return fallback;
        }

        if (PipelineDuration.TryParse(text, out var value))
        {
            return value;
        }

        Error(Line(map, key), $"step '{step}': retry.{key} '{Clip(text)}' is not a duration (e.g. 30s, 5m, 2h)");
        return fallback;
    }

    private string? Scalar(YamlMappingNode map, string key, bool required)
    {
        var node = Child(map, key);
        if (node is null)
        {
            if (required)
            {
                Error(LineOf(map), $"{key}: is required");
            }

            return null;
        }

        if (node is YamlScalarNode { Value: { } value } && (value.Length > 0 || !required))
        {
            return value;
        }

        Error(LineOf(node), $"{key}: expected a single value");
        return null;
    }

    private void UnknownKeys(YamlMappingNode map, string[] known, string what)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                Error(LineOf(key), $"unknown {what} key '{Clip(name)}' (known: {string.Join(", ", known)})");
            }
        }
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static int Line(YamlMappingNode map, string key) =>
        map.Children.Keys.FirstOrDefault(k => (k as YamlScalarNode)?.Value == key) is { } node ? LineOf(node) : LineOf(map);

    private static int LineOf(YamlNode node) => (int)Math.Max(1, node.Start.Line);

    private static bool IsName(string value) =>
        value.Length is > 0 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static string Clip(string value) => value.Length <= 100 ? value : value[..100] + "…";

    private void Error(long line, string message) => _issues.Add(new PipelineIssue(_file, (int)Math.Max(1, line), message, IsError: true));
}
