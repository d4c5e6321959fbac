using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ChurnOps.Bench.Serving;

/// <summary>Drives an HTTP endpoint with wrk (Debian package) and reads back requests/s and the 99th percentile latency.</summary>
internal static partial class WrkRunner
{
    public static async Task<(double RequestsPerSecond, double P99Ms)> PostAsync(string url, string body, int connections, int seconds, CancellationToken cancellationToken)
    {
        var script = Path.Combine(Path.GetTempPath(), $"churnops-wrk-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, $"wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = [==[{body}]==]\n", cancellationToken);
        try
        {
            var start = new ProcessStartInfo("wrk", $"-t2 -c{connections} -d{seconds}s --latency -s {script} {url}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start (apt-get install -y wrk)");
            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            var rps = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
            var p99 = P99().Match(output);
            var value = double.Parse(p99.Groups[1].Value, CultureInfo.InvariantCulture);
            var ms = p99.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
            if (NonSuccess().Match(output) is { Success: true } errors)
            {
                Console.WriteLine($"  warning: {errors.Value.Trim()}");
            }

            return (rps, ms);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"99%\s+([0-9.]+)(us|ms|s)")]
    private static partial Regex P99();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+\d+")]
    private static partial Regex NonSuccess();
}
