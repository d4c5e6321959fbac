namespace ChurnOps.Core.Pipelines;

/// <summary>Where a step (or one attempt of it) stands in a pipeline run.</summary>
public enum StepState
{
    Pending,
    Running,
    Succeeded,
    Failed,

    /// <summary>Not run: its trigger rule did not hold (e.g. a step it needs failed).</summary>
    Skipped,
}
