using System.Diagnostics;
using System.Globalization;
using ChurnOps.Core.Tracking;

namespace ChurnOps.Platform.Tracking;

/// <summary>
/// The process that started a run, as tags on the run: host, pid and the process's start time (a pid alone can be
/// reused). A run whose process is gone can then be told from one still being trained.
/// </summary>
public sealed record RunOwner(string Host, int Pid, DateTimeOffset ProcessStart)
{
    public const string HostTag = "churnops.process.host";
    public const string PidTag = "churnops.process.pid";
    public const string StartTag = "churnops.process.start";
    public const string FailureReasonTag = "churnops.failure_reason";

    // Different processes derive a start time from the kernel's boot clock slightly differently.
    private static readonly TimeSpan StartTolerance = TimeSpan.FromSeconds(1);

    public static RunOwner Current()
    {
        using var self = Process.GetCurrentProcess();
        return new RunOwner(Environment.MachineName, self.Id, self.StartTime.ToUniversalTime());
    }

    /// <summary>The owner recorded on a run, or null when the run was not started by a ChurnOps process (e.g. an MLflow client).</summary>
    public static RunOwner? FromTags(IReadOnlyList<TrackingTag> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        string? Tag(string key) => tags.FirstOrDefault(t => t.Key == key)?.Value;
        return Tag(HostTag) is { } host
            && int.TryParse(Tag(PidTag), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && DateTimeOffset.TryParse(Tag(StartTag), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var start)
            ? new RunOwner(host, pid, start)
            : null;
    }

    public IEnumerable<KeyValuePair<string, string>> ToTags() =>
    [
        new(HostTag, Host),
        new(PidTag, Pid.ToString(CultureInfo.InvariantCulture)),
        new(StartTag, ProcessStart.ToString("O", CultureInfo.InvariantCulture)),
    ];

    /// <summary>True when this owner is on this host and no longer runs (its pid is free, or taken by a later process).</summary>
    public bool IsGone()
    {
        if (!string.Equals(Host, Environment.MachineName, StringComparison.Ordinal))
        {
            return false; // another machine's process cannot be checked from here
        }

        try
        {
            using var process = Process.GetProcessById(Pid);
            return process.HasExited || (process.StartTime.ToUniversalTime() - ProcessStart.UtcDateTime).Duration() > StartTolerance;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    public string Describe() =>
        $"pid {Pid.ToString(CultureInfo.InvariantCulture)} on {Host}, started {ProcessStart.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}";
}
