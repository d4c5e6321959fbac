namespace ChurnOps.Cli.Tests.Monitor;

/// <summary>The system clock moved back by a fixed span, so a quickstart's predictions fall before the monitored window.</summary>
internal sealed class ShiftedClock(TimeSpan back) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() - back;
}
