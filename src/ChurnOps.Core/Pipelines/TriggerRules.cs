namespace ChurnOps.Core.Pipelines;

/// <summary>Decides, once every needed step has ended, whether a step runs or is skipped.</summary>
public static class TriggerRules
{
    /// <summary>True to run, false to skip; only called when none of <paramref name="upstream"/> is pending or running.</summary>
    public static bool ShouldRun(TriggerRule rule, IReadOnlyCollection<StepState> upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        return rule switch
        {
            TriggerRule.AllSuccess => upstream.All(s => s == StepState.Succeeded),
            TriggerRule.AllDone => true,
            // A skipped step counts as neither: only a real failure upstream wakes an on-failure handler.
            TriggerRule.OneFailed => upstream.Any(s => s == StepState.Failed),
            _ => false,
        };
    }
}
