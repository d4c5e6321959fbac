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
        var root = Path.Combine(Path.GetTempPath(), "churnops-bench-ingestion-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await ProjectTemplate.WriteAsync(root, false, cancellationToken);
            var file = Path.Combine(root, "data", "customers.csv");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var bad = Write(file, rows, seed: 42);
            Console.WriteLine($"input: {rows:N0} rows ({bad:N0} broken), {new FileInfo(file).Length / 1e6:F1} MB");

            var baseline = await BaselineAsync(root, file, cancellationToken);
            var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(root, TimeProvider.System, cancellationToken);
            if (workspace is null)
            {
                throw new InvalidOperationException(error);
            }

            if (Environment.GetEnvironmentVariable("CHURNOPS_BENCH_TRACE") is not null)
            {
                WarehouseLoad.Trace = (sql, elapsed) => Console.WriteLine($"  {elapsed.TotalSeconds,6:F2} s  {sql.ReplaceLineEndings(" ")[..Math.Min(100, sql.Length)]}");
            }

            var watch = Stopwatch.StartNew();
            var result = await workspace.Services.GetRequiredService<IngestionService>().IngestAsync(new IngestRequest("customers", [file], null), cancellationToken);
            var ingest = watch.Elapsed;
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.Error);
            }

            watch.Restart();
            var again = await workspace.Services.GetRequiredService<IngestionService>().IngestAsync(new IngestRequest("customers", [file], null), cancellationToken);
            var idempotent = watch.Elapsed;

            Console.WriteLine($"baseline  DuckDB typed load, no validation: {baseline.TotalSeconds,6:F2} s  {rows / baseline.TotalSeconds,12:N0} rows/s");
            Console.WriteLine($"churnops  ingest with contract validation: {ingest.TotalSeconds,6:F2} s  {rows / ingest.TotalSeconds,12:N0} rows/s  " +
                $"(accepted {result.RowsAccepted:N0}, quarantined {result.RowsQuarantined:N0})");
            var target = rows == 1_000_000 ? (ingest.TotalSeconds < 15 ? "met" : "MISSED") : "judge with the full 1M run";
            Console.WriteLine($"ratio     ingest / baseline: {ingest / baseline:F2}x   target < 15 s for 1M rows: {target}");
            Console.WriteLine($"re-ingest same file (unchanged={again.Unchanged}): {idempotent.TotalSeconds:F2} s (hashing + lookup)");
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

    private static async Task<TimeSpan> BaselineAsync(string root, string file, CancellationToken cancellationToken)
    {
        var warehouse = await DuckDbWarehouse.OpenAsync(Path.Combine(root, ".churnops", "baseline.duckdb"), cancellationToken);
        var watch = Stopwatch.StartNew();
        await warehouse.ExecuteAsync($"CREATE TABLE staging.customers_baseline AS SELECT * FROM read_csv('{file}', header = true, ignore_errors = true)", cancellationToken);
        return watch.Elapsed;
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
