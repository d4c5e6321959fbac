using System.Globalization;
using System.Text;
using ChurnOps.Core.Pipelines;

namespace ChurnOps.Platform.Pipelines;

/// <summary>
/// <c>${params.NAME}</c>, <c>${steps.STEP.outputs.KEY}</c>, <c>${run.id}</c>, <c>${run.logical_date}</c> and
/// <c>${run.pipeline}</c> in a step's arguments and shell command, found at validation and filled in when the step starts.
/// </summary>
public static class StepArguments
{
    /// <summary>The dotted parts of every reference in <paramref name="text"/>.</summary>
    public static IEnumerable<string[]> References(string text)
    {
        var at = 0;
        while ((at = text.IndexOf("${", at, StringComparison.Ordinal)) >= 0)
        {
            var end = text.IndexOf('}', at + 2);
            if (end < 0)
            {
                yield break;
            }

            yield return text[(at + 2)..end].Trim().Split('.');
            at = end + 1;
        }
    }

    /// <summary>
    /// <paramref name="text"/> with every reference replaced; the error names the first reference that has no value
    /// (an upstream step that was skipped, or an output it did not produce).
    /// </summary>
    public static (string? Text, string? Error) Resolve(string text, PipelineRun run, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> outputs)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new StringBuilder(text.Length);
        var at = 0;
        while (true)
        {
            var start = text.IndexOf("${", at, StringComparison.Ordinal);
            var end = start < 0 ? -1 : text.IndexOf('}', start + 2);
            if (end < 0)
            {
                result.Append(text, at, text.Length - at);
                return (result.ToString(), null);
            }

            result.Append(text, at, start - at);
            var parts = text[(start + 2)..end].Trim().Split('.');
            string? value = parts switch
            {
                ["params", var name] => run.Parameters.TryGetValue(name, out var p) ? p : null,
                ["run", "id"] => run.Id.ToString(CultureInfo.InvariantCulture),
                ["run", "pipeline"] => run.Pipeline,
                ["run", "logical_date"] => run.LogicalDate.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                ["steps", var step, "outputs", var key] => outputs.TryGetValue(step, out var o) && o.TryGetValue(key, out var v) ? v : null,
                _ => null,
            };
            if (value is null)
            {
                return (null, $"${{{string.Join('.', parts)}}} has no value in this run");
            }

            result.Append(value);
            at = end + 1;
        }
    }
}
