namespace ChurnOps.Core.Tracking;

/// <summary>MLflow's run statuses, kept as the exact strings clients send and read.</summary>
public static class RunStatus
{
    public const string Running = "RUNNING";
    public const string Scheduled = "SCHEDULED";
    public const string Finished = "FINISHED";
    public const string Failed = "FAILED";
    public const string Killed = "KILLED";

    public static IReadOnlyList<string> All { get; } = [Running, Scheduled, Finished, Failed, Killed];

    public static bool IsValid(string? status) => status is not null && All.Contains(status, StringComparer.Ordinal);

    public static bool IsTerminal(string status) => status is Finished or Failed or Killed;
}
