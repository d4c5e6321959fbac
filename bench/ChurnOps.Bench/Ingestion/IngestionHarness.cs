using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChurnOps.Platform.Ingestion;
using ChurnOps.Platform.Projects;
using ChurnOps.Storage.Warehouse;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Bench.Ingestion;

/// <summary>
/// 1,000,000 customer rows (about 1 % broken in various ways) through contract validation into staging/quarantine,
/// against a baseline in the same run: DuckDB loading the same CSV into a typed table with no validation at all.
/// </summary>
internal sealed class IngestionHarness : IBenchHarness
{
    public string Name => "ingestion";

    public string Description => "1M-row CSV through contract validation (raw → quarantine/staging) vs a plain DuckDB typed load";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var rows = int.TryParse(Environment.GetEnvironmentVariable("CHURNOPS_BENCH_ROWS"), out var n) ? n : quick ? 100_000 : 1_000_000;
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("CHURNOPS_BENCH_ROUNDS"), out var r) && r > 0 ? r : quick ? 1 : 3;
        var root = Path.Combine(Path.GetTempPath(), "churnops-bench-ingestion-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var file = Path.Combine(root, "customers.csv");
            Directory.CreateDirectory(root);
            var bad = Write(file, rows, seed: 42);
            Console.WriteLine($"input: {rows:N0} rows ({bad:N0} broken), {new FileInfo(file).Length / 1e6:F1} MB; {rounds} alternating rounds, each on a fresh project");

            // Wall time is noise on a shared machine; the process's CPU seconds (all threads) are the work done.
            var baselines = new List<(TimeSpan Wall, TimeSpan Cpu)>();
            var ingests = new List<(TimeSpan Wall, TimeSpan Cpu)>();
            IngestResult? last = null;
            for (var round = 1; round <= rounds; round++)
            {
                var project = Path.Combine(root, "round" + round.ToString(CultureInfo.InvariantCulture));
                await ProjectTemplate.WriteAsync(project, false, cancellationToken);
                var baseline = await MeasureAsync(() => BaselineAsync(project, file, cancellationToken));
                var (ingest, result) = await IngestOnceAsync(project, file, round == 1, cancellationToken);
                baselines.Add(baseline);
                ingests.Add(ingest);
                last = result;
                Console.WriteLine($"round {round}: baseline {baseline.Wall.TotalSeconds:F2} s (cpu {baseline.Cpu.TotalSeconds:F2} s)  ingest {ingest.Wall.TotalSeconds:F2} s (cpu {ingest.Cpu.TotalSeconds:F2} s)  " +
                    $"ratio {ingest.Wall / baseline.Wall:F2}x (cpu {ingest.Cpu / baseline.Cpu:F2}x)");
            }

            var (baseWall, baseCpu) = (Median(baselines.Select(b => b.Wall)), Median(baselines.Select(b => b.Cpu)));
            var (ingestWall, ingestCpu) = (Median(ingests.Select(i => i.Wall)), Median(ingests.Select(i => i.Cpu)));
            Console.WriteLine($"baseline  DuckDB typed load, no validation: {baseWall.TotalSeconds,6:F2} s  {rows / baseWall.TotalSeconds,12:N0} rows/s  cpu {baseCpu.TotalSeconds:F2} s (median of {rounds})");
            Console.WriteLine($"churnops  ingest with contract validation: {ingestWall.TotalSeconds,6:F2} s  {rows / ingestWall.TotalSeconds,12:N0} rows/s  cpu {ingestCpu.TotalSeconds:F2} s " +
                $"(accepted {last!.RowsAccepted:N0}, quarantined {last.RowsQuarantined:N0})");
            var target = ingestWall / baseWall <= 1.5 ? "met" : "MISSED";
            Console.WriteLine($"ratio     ingest / baseline: {ingestWall / baseWall:F2}x (cpu {ingestCpu / baseCpu:F2}x)   target <= 1.5x: {target}");
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // best effort
            }
        }
    }

    /// <summary>One ingest into a fresh project; on the first round also the statement trace, the line check and the re-ingest.</summary>
    private static async Task<((TimeSpan Wall, TimeSpan Cpu) Cost, IngestResult Result)> IngestOnceAsync(string root, string file, bool first, CancellationToken cancellationToken)
    {
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(root, TimeProvider.System, cancellationToken);
        if (workspace is null)
        {
            throw new InvalidOperationException(error);
        }

        WarehouseLoad.Trace = null;
        if (first && Environment.GetEnvironmentVariable("CHURNOPS_BENCH_TRACE") is not null)
        {
            // CPU seconds of the whole process since the previous statement: on a loaded machine wall time is noise.
            var full = Environment.GetEnvironmentVariable("CHURNOPS_BENCH_TRACE") == "full";
            var lastCpu = Process.GetCurrentProcess().TotalProcessorTime;
            WarehouseLoad.Trace = (sql, elapsed) =>
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var text = sql.ReplaceLineEndings(" ");
                Console.WriteLine($"  {elapsed.TotalSeconds,6:F2} s  cpu {(cpu - lastCpu).TotalSeconds,6:F2} s  {(full ? text : text[..Math.Min(100, text.Length)])}");
                lastCpu = cpu;
            };
        }

        var ingestion = workspace.Services.GetRequiredService<IngestionService>();
        IngestResult? result = null;
        var cost = await MeasureAsync(async () => result = await ingestion.IngestAsync(new IngestRequest("customers", [file], null), cancellationToken));
        WarehouseLoad.Trace = null;
        if (!result!.Succeeded)
        {
            throw new InvalidOperationException(result.Error);
        }

        if (first)
        {
            // Customer i is on line i + 1, or is the duplicate of customer i - 1 written on line i + 1: any other line is a bug.
            var wrong = await workspace.Warehouse.ScalarAsync(
                "SELECT count(*) FROM raw.customers WHERE _source_line - 1 - CAST(substr(customer_id, 2) AS BIGINT) NOT IN (0, 1)", cancellationToken);
            Console.WriteLine($"line check: {wrong} rows with a wrong _source_line");
            var watch = Stopwatch.StartNew();
            var again = await ingestion.IngestAsync(new IngestRequest("customers", [file], null), cancellationToken);
            Console.WriteLine($"re-ingest same file (unchanged={again.Unchanged}): {watch.Elapsed.TotalSeconds:F2} s (hashing + lookup)");
        }

        return (cost, result);
    }

    private static async Task<(TimeSpan Wall, TimeSpan Cpu)> MeasureAsync(Func<Task> work)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await work();
        return (watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }

    private static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static async Task BaselineAsync(string root, string file, CancellationToken cancellationToken)
    {
        var warehouse = await DuckDbWarehouse.OpenAsync(Path.Combine(root, ".churnops", "baseline.duckdb"), cancellationToken);
        await warehouse.ExecuteAsync($"CREATE TABLE staging.customers_baseline AS SELECT * FROM read_csv('{file}', header = true, ignore_errors = true)", cancellationToken);
    }

    /// <summary>Writes seeded customers; about 1 % break a rule (bad plan, age out of range, non-numeric charges, duplicate id).</summary>
    private static int Write(string path, int rows, int seed)
    {
        var random = new Random(seed);
        string[] plans = ["basic", "standard", "premium"];
        string[] contracts = ["month-to-month", "one-year", "two-year"];
        string[] payments = ["electronic-check", "credit-card", "bank-transfer", "mailed-check"];
        string[] regions = ["north", "south", "east", "west", "central"];
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var bad = 0;
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.WriteLine("customer_id,signup_date,plan,contract_type,payment_method,region,age,monthly_charges,support_tickets,updated_at");
        var line = new StringBuilder(160);
        for (var i = 1; i <= rows; i++)
        {
            var broken = random.NextDouble() < 0.01 ? random.Next(4) : -1;
            bad += broken >= 0 ? 1 : 0;
            var id = broken == 3 && i > 1 ? i - 1 : i;
            line.Clear()
                .Append('C').Append(id.ToString("D7", CultureInfo.InvariantCulture)).Append(',')
                .Append(start.AddDays(random.Next(1500)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',')
                .Append(broken == 0 ? "gold" : plans[random.Next(plans.Length)]).Append(',')
                .Append(contracts[random.Next(contracts.Length)]).Append(',')
                .Append(payments[random.Next(payments.Length)]).Append(',')
                .Append(regions[random.Next(regions.Length)]).Append(',')
                .Append(broken == 1 ? "7" : (18 + random.Next(70)).ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(broken == 2 ? "n/a" : (20 + (random.NextDouble() * 100)).ToString("F2", CultureInfo.InvariantCulture)).Append(',')
                .Append(random.Next(8).ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(start.AddDays(1500).AddSeconds(random.Next(86400 * 30)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            writer.WriteLine(line.ToString());
        }

        return bad;
    }
}
