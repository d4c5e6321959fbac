using System.Diagnostics;
using System.Globalization;

namespace ChurnOps.Platform.Serving.Files;

/// <summary>
/// With CHURNOPS_SCORE_PHASES=1, `churnops score` prints to stderr the wall and CPU seconds since the process started at
/// each phase (start-up, model resolved, package loaded, scorer ready, scored, done): where the time before the first
/// row goes, without a profiler. Silent otherwise.
/// </summary>
internal sealed class ScorePhaseClock
{
    private readonly bool _enabled = Environment.GetEnvironmentVariable("CHURNOPS_SCORE_PHASES") == "1";

    public void Mark(string phase)
    {
        if (!_enabled)
        {
            return;
        }

        using var process = Process.GetCurrentProcess();
        // A diagnostic of this process's own start-up, so the machine's clock (not an injected one) is the right one.
        var wall = (TimeProvider.System.GetLocalNow().DateTime - process.StartTime).TotalSeconds;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"phase {phase,-16} wall {wall,7:F3} s  cpu {process.TotalProcessorTime.TotalSeconds,7:F3} s"));
    }
}
