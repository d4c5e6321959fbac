using System.Globalization;

namespace ChurnOps.Bench.Serving;

/// <summary>
/// The calling thread's CPU time (Linux: the first field of /proc/thread-self/schedstat, in ns): what a single-threaded
/// phase costs, unmoved by the time the thread spends preempted on a busy machine, where wall time is mostly waiting.
/// </summary>
internal static class ThreadCpuClock
{
    /// <summary>Nanoseconds this thread has run on a CPU, or -1 where the kernel does not say.</summary>
    public static long Nanoseconds()
    {
        try
        {
            var fields = File.ReadAllText("/proc/thread-self/schedstat").Split(' ');
            return long.Parse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
    }
}
