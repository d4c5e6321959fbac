namespace ChurnOps.Core.Pipelines;

/// <summary>A pipeline run's life: queued by a schedule, an event or a person; running under a lease; then ended.</summary>
public enum PipelineRunState
{
    Queued,
    Running,
    Succeeded,
    Failed,
}
