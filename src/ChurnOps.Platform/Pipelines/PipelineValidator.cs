using ChurnOps.Core.Pipelines;

namespace ChurnOps.Platform.Pipelines;

/// <summary>
/// The checks across a pipeline's parts, every problem at once: duplicate and unknown steps in <c>needs</c>, cycles,
/// unknown step actions and their arguments, <c>${…}</c> references to parameters and to outputs of steps not upstream,
/// and trigger events (an unknown name is an error; a known pattern naming a table or model the project lacks, a warning).
/// </summary>
public static class PipelineValidator
{
    public static IReadOnlyList<PipelineIssue> Validate(ParsedPipeline parsed, PipelineValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(context);
        var issues = new List<PipelineIssue>(parsed.Issues);
        if (parsed.Definition is not { } pipeline)
        {
            return issues;
        }

        void Error(int line, string message) => issues.Add(new PipelineIssue(pipeline.File, line, message, IsError: true));
        void Warn(int line, string message) => issues.Add(new PipelineIssue(pipeline.File, line, message, IsError: false));

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in pipeline.Steps.Where(s => s.Name.Length > 0 && !names.Add(s.Name)))
        {
            Error(step.Line, $"step '{step.Name}' is defined twice");
        }

        foreach (var step in pipeline.Steps)
        {
            foreach (var need in step.Needs)
            {
                if (need == step.Name)
                {
                    Error(step.Line, $"step '{step.Name}' needs itself");
                }
                else if (!names.Contains(need))
                {
                    Error(step.Line, $"step '{step.Name}' needs unknown step '{Clip(need)}' (steps: {string.Join(", ", names)})");
                }
            }

            if (step.Action is { } action)
            {
                if (!context.Actions.TryGetValue(action, out var arguments))
                {
                    Error(step.Line, $"step '{step.Name}': unknown action '{Clip(action)}' (known: {string.Join(", ", context.Actions.Keys.Order(StringComparer.Ordinal))}; or use shell:)");
                }
                else
                {
                    foreach (var arg in step.Args.Keys.Where(a => !arguments.Contains(a, StringComparer.Ordinal)))
                    {
                        Error(step.Line, $"step '{step.Name}': action '{action}' takes no argument '{Clip(arg)}' (it takes: {(arguments.Count == 0 ? "none" : string.Join(", ", arguments))})");
                    }
                }
            }
            else if (step.Args.Count > 0)
            {
                Error(step.Line, $"step '{step.Name}': args apply to run: actions; a shell step takes its values in the command (${{params.NAME}})");
            }

            References(pipeline, step, Error);
        }

        if (PipelineGraph.FindCycle(pipeline.Steps.Where(s => s.Name.Length > 0).ToList()) is { } cycle)
        {
            Error(pipeline.FindStep(cycle[0])?.Line ?? 1, $"the steps' needs form a cycle: {string.Join(" -> ", cycle)}");
        }

        for (var i = 0; i < pipeline.Triggers.Count; i++)
        {
            var line = i < parsed.TriggerLines.Count ? parsed.TriggerLines[i] : 1;
            var trigger = pipeline.Triggers[i];
            var match = TriggerEventCatalog.Patterns.Select(p => (Pattern: p, Name: p.Match(trigger))).FirstOrDefault(m => m.Name is not null);
            if (match.Name is null)
            {
                Error(line, $"unknown trigger event '{Clip(trigger)}' (events are {string.Join(", ", TriggerEventCatalog.Patterns.Select(p => p.Display))})");
            }
            else if (match.Pattern.Names == TriggerEventNames.Table && !context.Tables.Contains(match.Name))
            {
                Warn(line, $"trigger event '{trigger}': no contract in contracts/ describes table '{match.Name}', so nothing emits it yet (tables: {string.Join(", ", context.Tables.Order(StringComparer.Ordinal))})");
            }
            else if (match.Pattern.Names == TriggerEventNames.Model && !context.Models.Contains(match.Name))
            {
                Warn(line, $"trigger event '{trigger}': the project has no model '{match.Name}' (models: {string.Join(", ", context.Models)})");
            }
        }

        return issues;
    }

    private static void References(PipelineDefinition pipeline, PipelineStep step, Action<int, string> error)
    {
        var upstream = PipelineGraph.Upstream(pipeline.Steps, step.Name);
        var texts = step.Args.Values.Append(step.Shell ?? string.Empty);
        foreach (var reference in texts.SelectMany(StepArguments.References))
        {
            switch (reference)
            {
                case ["params", var name] when !pipeline.Parameters.ContainsKey(name):
                    error(step.Line, $"step '{step.Name}': ${{params.{name}}} names no parameter (parameters: {string.Join(", ", pipeline.Parameters.Keys)})");
                    break;
                case ["params", _]:
                case ["run", "id" or "logical_date" or "pipeline"]:
                    break;
                case ["steps", var other, "outputs", _] when !upstream.Contains(other):
                    error(step.Line, $"step '{step.Name}': ${{steps.{other}.outputs…}} refers to a step it does not need (directly or through others)");
                    break;
                case ["steps", _, "outputs", _]:
                    break;
                default:
                    error(step.Line, $"step '{step.Name}': ${{{Clip(string.Join('.', reference))}}} is not a reference (use ${{params.NAME}}, ${{steps.STEP.outputs.KEY}}, ${{run.id}}, ${{run.logical_date}})");
                    break;
            }
        }
    }

    private static string Clip(string value) => value.Length <= 100 ? value : value[..100] + "…";
}
