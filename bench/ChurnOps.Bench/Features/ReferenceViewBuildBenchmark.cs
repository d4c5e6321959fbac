using System.Diagnostics;
using ChurnOps.Platform.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Bench.Features;

/// <summary>
/// The reference view (customer_features, daily snapshots) built over synthetic staging data shaped like the
/// generator's (120 days of history, ~0.35 events per customer-day), then a training set at the label time.
/// </summary>
internal sealed class ReferenceViewBuildBenchmark : IBenchHarness
{
    public string Name => "features-reference-build";

    public string Description => "Build customer_features for 50k customers x 120 days (--quick: 5k) and join labels";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var customers = quick ? 5_000 : 50_000;
        var (workspace, root) = await BenchProject.CreateAsync("reference");
        try
        {
            await workspace.Warehouse.ExecuteAsync($"""
                CREATE TABLE staging.customers AS
                SELECT 'C' || lpad(CAST(i AS VARCHAR), 7, '0') AS customer_id,
                       DATE '2024-06-30' - CAST(1 + hash(i) % 1500 AS INTEGER) AS signup_date,
                       ['basic', 'standard', 'premium'][1 + CAST(hash(i * 3) % 3 AS INTEGER)] AS plan,
                       ['month-to-month', 'one-year', 'two-year'][1 + CAST(hash(i * 5) % 3 AS INTEGER)] AS contract_type,
                       ['electronic-check', 'credit-card', 'bank-transfer'][1 + CAST(hash(i * 7) % 3 AS INTEGER)] AS payment_method,
                       ['north', 'south', 'east', 'west'][1 + CAST(hash(i * 11) % 4 AS INTEGER)] AS region,
                       CAST(18 + hash(i * 13) % 60 AS INTEGER) AS age,
                       20 + (hash(i * 17) % 8000) / 100.0 AS monthly_charges,
                       CAST(hash(i * 19) % 5 AS INTEGER) AS support_tickets,
                       TIMESTAMP '2024-06-29 18:00:00' AS updated_at
                FROM range({customers}) r(i);
                CREATE TABLE staging.events AS
                SELECT 'E' || i || '-' || j AS event_id, 'C' || lpad(CAST(i AS VARCHAR), 7, '0') AS customer_id,
                       ['login', 'page_view', 'feature_use', 'payment', 'support_call', 'payment_failed'][1 + CAST(hash(i, j) % 6 AS INTEGER)] AS event_type,
                       TIMESTAMP '2024-06-30 00:00:00' - INTERVAL (CAST(hash(j, i) % (120 * 86400) AS BIGINT) + 1) SECOND AS event_ts
                FROM range({customers}) r(i), range(42) s(j);
                CREATE TABLE staging.labels AS
                SELECT customer_id, TIMESTAMP '2024-06-30 00:00:00' AS event_timestamp, CAST(hash(customer_id) % 2 AS INTEGER) AS churned FROM staging.customers;
                """, cancellationToken);
            var store = workspace.Services.GetRequiredService<FeatureStore>();
            var apply = await store.ApplyAsync(false, cancellationToken);
            var watch = Stopwatch.StartNew();
            var build = await store.BuildAsync("customer_features", cancellationToken);
            var buildTime = watch.Elapsed;
            if (!apply.Succeeded || !build.Succeeded)
            {
                throw new InvalidOperationException(apply.Error ?? build.Error);
            }

            watch.Restart();
            var set = await store.GetTrainingSetAsync("SELECT customer_id, event_timestamp, churned FROM staging.labels", ["customer_features"], cancellationToken);
            var setTime = watch.Elapsed;
            watch.Restart();
            var materialize = await store.MaterializeAsync(false, cancellationToken);
            var materializeTime = watch.Elapsed;
            var nulls = set.Data["monthly_charges"].Numbers!.Count(double.IsNaN);
            Console.WriteLine($"reference-build: {customers:N0} customers, {customers * 42:N0} events -> {build.Views[0].TableRows:N0} snapshot rows");
            Console.WriteLine($"  build (SQL + statistics)   {buildTime.TotalSeconds,7:F2} s");
            Console.WriteLine($"  training set ({set.Data.RowCount:N0} rows, {nulls} without features) {setTime.TotalSeconds,7:F2} s");
            Console.WriteLine($"  materialize ({materialize.Views[0].EntitiesWritten:N0} entities) {materializeTime.TotalSeconds,7:F2} s");
        }
        finally
        {
            BenchProject.Delete(root);
        }
    }
}
