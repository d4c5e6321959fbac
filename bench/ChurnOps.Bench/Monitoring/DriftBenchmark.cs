using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ChurnOps.Core.Monitoring.Drift;
using ChurnOps.Storage.Files;
using DuckDB.NET.Data;

namespace ChurnOps.Bench.Monitoring;

/// <summary>
/// Drift of 1,000,000 current rows × 20 columns against a 100,000-row reference, ChurnOps against scipy (Evidently's
/// default tests, drift_scipy.py) on the same files in the same run, in alternating rounds (scipy, then ChurnOps; medians
/// of 3). Prints each side's load and test times, the ratio,
/// and checks that every column gets the same test, the same decision and the same score to 1e-9 relative.
/// `--quick` uses 100,000 current rows.
/// </summary>
internal sealed class DriftBenchmark : IBenchHarness
{
    public string Name => "drift";

    public string Description => "drift 1M x 20 vs 100k reference: ChurnOps vs scipy (Evidently's tests), same files";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var currentRows = quick ? 100_000 : 1_000_000;
        var dir = Path.Combine(Path.GetTempPath(), $"churnops-drift-bench-{currentRows}");
        Directory.CreateDirectory(dir);
        var referenceCsv = Path.Combine(dir, "reference.csv");
        var currentCsv = Path.Combine(dir, "current.csv");
        if (!File.Exists(currentCsv))
        {
            Console.WriteLine($"writing {dir} (seeds 1 and 2)...");
            DriftBenchData.Write(referenceCsv, 100_000, shifted: false, seed: 1);
            DriftBenchData.Write(currentCsv, currentRows, shifted: true, seed: 2);
        }

        var referenceParquet = Path.ChangeExtension(referenceCsv, ".parquet");
        var currentParquet = Path.ChangeExtension(currentCsv, ".parquet");
        await ToParquetAsync(referenceCsv, referenceParquet, cancellationToken);
        await ToParquetAsync(currentCsv, currentParquet, cancellationToken);

        // ChurnOps in process: load once (the tests are what is compared; loading is timed apart below).
        var reader = new DuckDbDriftFileReader();
        var load = Stopwatch.StartNew();
        var reference = await reader.ReadAsync(referenceCsv, null, cancellationToken);
        var current = await reader.ReadAsync(currentCsv, null, cancellationToken);
        var csvLoad = load.Elapsed.TotalSeconds;
        load.Restart();
        var referenceP = await reader.ReadAsync(referenceParquet, null, cancellationToken);
        var currentP = await reader.ReadAsync(currentParquet, null, cancellationToken);
        var parquetLoad = load.Elapsed.TotalSeconds;
        if ((reference.Error ?? current.Error ?? referenceP.Error ?? currentP.Error) is { } readError)
        {
            throw new InvalidOperationException(readError);
        }

        // Alternating rounds, scipy then ChurnOps, so a busy machine slows both sides alike; the medians are compared.
        // scipy runs as a data scientist runs it: its own process; the script times loading and testing apart.
        var pythonJson = Path.Combine(dir, "scipy.json");
        var script = Path.Combine(AppContext.BaseDirectory, "Monitoring", "drift_scipy.py");
        var analyzer = new DriftAnalyzer();
        DriftReport? report = null;
        var rounds = quick ? 1 : 3;
        var (pythonWalls, pythonLoads, pythonTests, pythonCpus, ours, oursCpu) = (new List<double>(), new List<double>(), new List<double>(), new List<double>(), new List<double>(), new List<double>());
        JsonDocument? python = null;
        for (var round = 0; round < rounds; round++)
        {
            pythonWalls.Add(await RunAsync("/usr/bin/python3", [script, referenceCsv, currentCsv, pythonJson], cancellationToken));
            python?.Dispose();
            python = JsonDocument.Parse(await File.ReadAllTextAsync(pythonJson, cancellationToken));
            pythonLoads.Add(python.RootElement.GetProperty("load_seconds").GetDouble());
            pythonTests.Add(python.RootElement.GetProperty("test_seconds").GetDouble());
            pythonCpus.Add(python.RootElement.GetProperty("test_cpu_seconds").GetDouble());

            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            report = analyzer.Detect(reference.Columns, current.Columns, DriftOptions.Default, cancellationToken).Report!;
            ours.Add(watch.Elapsed.TotalSeconds);
            oursCpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {round + 1}: scipy tests {pythonTests[^1]:F3} s ({pythonCpus[^1]:F3} s CPU), ChurnOps {ours[^1]:F3} s ({oursCpu[^1]:F3} s CPU)"));
        }

        var (pythonWall, pythonLoad, pythonTest, pythonCpu, best, bestCpu) = (Median(pythonWalls), Median(pythonLoads), Median(pythonTests), Median(pythonCpus), Median(ours), Median(oursCpu));

        // ChurnOps as a user starts it: the CLI process, on Parquet and on CSV.
        var cli = Path.Combine(RepositoryRoot(), "src", "ChurnOps.Cli", "bin", "Release", "net10.0", "linux-x64", "churnops.dll");
        var cliParquet = await RunAsync("dotnet", [cli, "monitor", "drift", "--reference", referenceParquet, "--current", currentParquet, "--json"], cancellationToken);
        var cliCsv = await RunAsync("dotnet", [cli, "monitor", "drift", "--reference", referenceCsv, "--current", currentCsv, "--json"], cancellationToken);

        var mismatches = Compare(report!, python!.RootElement.GetProperty("columns"));
        Console.WriteLine();
        Console.WriteLine($"drift: {currentRows:N0} current rows x {DriftBenchData.Columns.Length} columns vs 100,000 reference rows ({Environment.ProcessorCount} cores, load average {LoadAverage()}); medians of {rounds} alternating rounds");
        Console.WriteLine($"  tests only      scipy {pythonTest,8:F3} s   ChurnOps {best,8:F3} s   ratio {pythonTest / best,6:F1}x   (wall)");
        Console.WriteLine($"  tests only      scipy {pythonCpu,8:F3} s   ChurnOps {bestCpu,8:F3} s   ratio {pythonCpu / bestCpu,6:F1}x   (CPU time, all cores: robust to a busy machine)");
        Console.WriteLine($"  load CSV        pandas {pythonLoad,7:F3} s   ChurnOps {csvLoad,8:F3} s   (Parquet {parquetLoad:F3} s)");
        Console.WriteLine($"  whole process   python {pythonWall,7:F3} s   churnops CSV {cliCsv,6:F3} s ({pythonWall / cliCsv:F1}x)   churnops Parquet {cliParquet,6:F3} s ({pythonWall / cliParquet:F1}x)");
        Console.WriteLine($"  drifted columns: {string.Join(", ", report!.Columns.Where(c => c.Drifted).Select(c => c.Column))}");
        Console.WriteLine(mismatches.Count == 0
            ? "  same test, same decision and scores within 1e-9 relative on all 20 columns"
            : "  MISMATCHES:\n    " + string.Join("\n    ", mismatches));
        python.Dispose();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The 1-minute load average (Linux), so a figure taken on a busy machine says so.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static List<string> Compare(DriftReport report, JsonElement columns)
    {
        var mismatches = new List<string>();
        var worst = 0.0;
        foreach (var expected in columns.EnumerateArray())
        {
            var name = expected.GetProperty("column").GetString()!;
            var ours = report.Columns.Single(c => c.Column == name);
            var test = expected.GetProperty("test").GetString();
            var score = expected.GetProperty("score").GetDouble();
            var relative = Math.Abs((ours.Score ?? double.NaN) - score) / Math.Max(Math.Abs(score), double.Epsilon);
            worst = Math.Max(worst, relative);
            if (DriftTestNames.NameOf(ours.Test) != test || ours.Drifted != expected.GetProperty("drifted").GetBoolean() || !(relative <= 1e-9))
            {
                mismatches.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: scipy {test} {score:R} drift={expected.GetProperty("drifted").GetBoolean()}; ours {DriftTestNames.NameOf(ours.Test)} {ours.Score:R} drift={ours.Drifted}"));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  largest relative difference of a score: {worst:E2}"));
        return mismatches;
    }

    private static async Task ToParquetAsync(string csv, string parquet, CancellationToken ct)
    {
        if (File.Exists(parquet))
        {
            return;
        }

        await using var connection = new DuckDBConnection("Data Source=:memory:");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"COPY (SELECT * FROM read_csv('{csv.Replace("'", "''", StringComparison.Ordinal)}', header = true)) TO '{parquet.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT parquet)";
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<double> RunAsync(string file, string[] arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var elapsed = watch.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await stderr}");
        }

        _ = await stdout;
        return elapsed;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChurnOps.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run the benchmark from inside the repository");
    }
}
