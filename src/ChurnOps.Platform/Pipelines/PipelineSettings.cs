namespace ChurnOps.Platform.Pipelines;

/// <summary>`pipelines:` in churnops.yaml: how the scheduler runs the project's pipelines.</summary>
public sealed class PipelineSettings
{
    /// <summary>Whether `churnops serve` also runs schedules and event triggers (a separate `churnops scheduler` may do it instead).</summary>
    public bool RunInServe { get; set; } = true;

    /// <summary>How many ready steps of one run execute at once.</summary>
    public int MaxParallelSteps { get; set; } = 4;

    /// <summary>How often the worker reads new events and queued runs.</summary>
    public int PollSeconds { get; set; } = 5;

    /// <summary>A running run's lease; the worker renews it every third of this, and a run whose lease lapsed is ended as failed.</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>
    /// Team mode (clustered Quartz store on PostgreSQL): how often each scheduler process checks in; a process silent
    /// for two of these is taken for dead and the others recover the firings it held.
    /// </summary>
    public int ClusterCheckinSeconds { get; set; } = 7;

    public IEnumerable<string> Validate(string path)
    {
        if (ClusterCheckinSeconds is < 1 or > 600)
        {
            yield return $"{path}.cluster_checkin_seconds: must be between 1 and 600";
        }

        if (MaxParallelSteps is < 1 or > 256)
        {
            yield return $"{path}.max_parallel_steps: must be between 1 and 256";
        }

        if (PollSeconds is < 1 or > 3600)
        {
            yield return $"{path}.poll_seconds: must be between 1 and 3600";
        }

        if (LeaseSeconds is < 3 or > 86_400)
        {
            yield return $"{path}.lease_seconds: must be between 3 and 86400";
        }
    }
}
