namespace ChurnOps.Platform.Pipelines;

/// <summary>Where Quartz's job hands a fire (pipeline name, scheduled instant) back to the scheduler that owns it.</summary>
internal sealed class ScheduledFireSink(Func<string, DateTimeOffset, CancellationToken, Task> onFire)
{
    public Task FireAsync(string pipeline, DateTimeOffset scheduledFireTime, CancellationToken cancellationToken) =>
        onFire(pipeline, scheduledFireTime, cancellationToken);
}
