namespace ChurnOps.Platform.Projects;

/// <summary>churnops.yaml `monitoring.retrain:`: which triggers start the training path (drift, performance, data events).</summary>
public sealed class RetrainSettings
{
    public const string Drift = "drift";
    public const string Performance = "performance";

    /// <summary><c>drift</c>, <c>performance</c> and event types such as <c>data.customers.updated</c>; empty retrains on nothing.</summary>
    public List<string> On { get; set; } = [Drift, Performance];

    /// <summary>The experiment retraining runs are logged to.</summary>
    public string Experiment { get; set; } = "retraining";

    public IEnumerable<string> Validate(string path)
    {
        for (var i = 0; i < On.Count; i++)
        {
            var trigger = On[i]?.Trim() ?? string.Empty;
            if (trigger is not (Drift or Performance) && !IsEventType(trigger))
            {
                yield return $"{path}.on[{i}]: '{(trigger.Length <= 60 ? trigger : trigger[..60] + "…")}' is not drift, performance or an event type such as data.customers.updated";
            }
        }

        if (string.IsNullOrWhiteSpace(Experiment))
        {
            yield return $"{path}.experiment: is required";
        }
    }

    /// <summary>The event types in <see cref="On"/> (those with a dot).</summary>
    public IEnumerable<string> EventTypes => On.Select(o => o.Trim()).Where(IsEventType);

    private static bool IsEventType(string text) =>
        text.Length is > 2 and <= 200 && text.Contains('.', StringComparison.Ordinal) && !text.StartsWith('.') && !text.EndsWith('.')
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
