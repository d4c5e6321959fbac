using System.Globalization;
using System.Text;

namespace ChurnOps.Platform.Generation;

/// <summary>
/// Generates realistic customers, their usage events and churn labels with a learnable but noisy signal:
/// contract type, tenure, payment method, support load and falling engagement raise the odds of churn.
/// A good model reaches an AUC around 0.85, never 1.0. Deterministic for a seed and snapshot time.
/// </summary>
public static class SyntheticChurnData
{
    private static readonly (string, double)[] Plans = [("basic", 0.45), ("standard", 0.35), ("premium", 0.20)];
    private static readonly (string, double)[] Contracts = [("month-to-month", 0.55), ("one-year", 0.25), ("two-year", 0.20)];
    private static readonly (string, double)[] Payments = [("electronic-check", 0.34), ("credit-card", 0.26), ("bank-transfer", 0.26), ("mailed-check", 0.14)];
    private static readonly (string, double)[] DriftedPayments = [("electronic-check", 0.30), ("credit-card", 0.20), ("bank-transfer", 0.20), ("mailed-check", 0.10), ("crypto-wallet", 0.20)];
    private static readonly (string, double)[] Regions = [("north", 0.22), ("south", 0.24), ("east", 0.2), ("west", 0.24), ("central", 0.10)];
    private static readonly (string, double)[] DriftedRegions = [("north", 0.15), ("south", 0.15), ("east", 0.15), ("west", 0.15), ("central", 0.15), ("overseas", 0.25)];
    private static readonly (string, double)[] EventTypes = [("login", 0.45), ("page_view", 0.30), ("feature_use", 0.20), ("payment", 0.05)];

    public static async Task<SyntheticDataResult> WriteAsync(SyntheticDataOptions options, string outputDir, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }

        Directory.CreateDirectory(outputDir);
        var sampler = new SeededSampler(options.Seed);
        var asOf = options.AsOf.ToUniversalTime();
        var customers = Path.Combine(outputDir, "customers.csv");
        var events = Path.Combine(outputDir, "events.csv");
        var labels = Path.Combine(outputDir, "labels.csv");
        var temps = new[] { customers + ".tmp", events + ".tmp", labels + ".tmp" };
        long eventCount = 0;
        var churned = 0;
        try
        {
            await using (var customerWriter = NewWriter(temps[0]))
            await using (var eventWriter = NewWriter(temps[1]))
            await using (var labelWriter = NewWriter(temps[2]))
            {
                await customerWriter.WriteLineAsync("customer_id,signup_date,plan,contract_type,payment_method,region,age,monthly_charges,support_tickets,updated_at").ConfigureAwait(false);
                await eventWriter.WriteLineAsync("event_id,customer_id,event_type,event_ts").ConfigureAwait(false);
                await labelWriter.WriteLineAsync("customer_id,event_timestamp,churned").ConfigureAwait(false);
                var line = new StringBuilder(128);
                for (var i = 1; i <= options.Rows; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var customer = NextCustomer(sampler, i, asOf, options.InjectDrift);
                    await customerWriter.WriteLineAsync(customer.ToCsv(line)).ConfigureAwait(false);
                    eventCount += await WriteEventsAsync(eventWriter, sampler, customer, asOf, options.HistoryDays, line).ConfigureAwait(false);
                    var isChurned = sampler.Bernoulli(customer.ChurnProbability);
                    churned += isChurned ? 1 : 0;
                    await labelWriter.WriteLineAsync($"{customer.Id},{Timestamp(asOf)},{(isChurned ? 1 : 0)}").ConfigureAwait(false);
                }
            }

            File.Move(temps[0], customers, overwrite: true);
            File.Move(temps[1], events, overwrite: true);
            File.Move(temps[2], labels, overwrite: true);
        }
        finally
        {
            foreach (var temp in temps)
            {
                File.Delete(temp);
            }
        }

        return new SyntheticDataResult(customers, events, labels, options.Rows, eventCount, churned);
    }

    private static StreamWriter NewWriter(string path) => new(path, append: false, new UTF8Encoding(false), 1 << 16);

    private static SyntheticCustomer NextCustomer(SeededSampler s, int index, DateTimeOffset asOf, bool drift)
    {
        var plan = s.Pick(Plans);
        var contract = s.Pick(Contracts);
        var payment = s.Pick(drift ? DriftedPayments : Payments);
        var region = s.Pick(drift ? DriftedRegions : Regions);
        // Tenure: many recent customers, a long tail of loyal ones; two-year contracts skew older.
        var tenureDays = (int)Math.Clamp(-Math.Log(1 - s.Uniform()) * (contract == "two-year" ? 900 : 500), 1, 365 * 8);
        double? age = s.Bernoulli(0.02) ? null : Math.Round(Math.Clamp(s.Normal(drift ? 36 : 45, 14), 18, 90));
        var basePrice = plan switch { "basic" => 25.0, "standard" => 60.0, _ => 99.0 };
        var charges = Math.Round(Math.Max(5, (basePrice * (drift ? 1.25 : 1.0)) + s.Normal(0, 9)), 2);
        var dissatisfaction = s.Normal(0, 1);
        var tickets = s.Poisson(Math.Exp(-0.2 + (0.55 * dissatisfaction)));
        var engagement = Math.Exp(s.Normal(0, 0.6) - (0.25 * dissatisfaction));

        var logit = -2.0
            + (contract switch { "month-to-month" => 1.6, "one-year" => 0.0, _ => -1.5 })
            + (payment == "electronic-check" ? 0.7 : 0.0)
            - (0.6 * Math.Log(1 + (tenureDays / 30.0)))
            + (0.38 * tickets)
            - (1.3 * Math.Log(engagement))
            + (0.015 * (charges - 60))
            + (plan == "premium" ? -0.4 : 0.0)
            + s.Normal(0, 0.3);
        var probability = 1.0 / (1.0 + Math.Exp(-(logit + 1.0)));
        return new SyntheticCustomer(
            $"C{index:D7}",
            DateOnly.FromDateTime(asOf.UtcDateTime.AddDays(-tenureDays)),
            plan,
            contract,
            payment,
            region,
            age,
            charges,
            tickets,
            asOf.AddHours(-s.Uniform() * 12),
            engagement,
            probability,
            dissatisfaction);
    }

    private static async Task<long> WriteEventsAsync(StreamWriter writer, SeededSampler s, SyntheticCustomer customer, DateTimeOffset asOf, int historyDays, StringBuilder line)
    {
        var activeDays = Math.Min(historyDays, customer.TenureDays(asOf));
        // Customers about to leave wind down: their last month is quieter than before.
        var decline = 1.0 - (0.85 * customer.ChurnProbability);
        long written = 0;
        var counter = 0;
        for (var window = 0; window < 2; window++)
        {
            var recent = window == 0;
            var days = recent ? Math.Min(30, activeDays) : Math.Max(0, activeDays - 30);
            var rate = 0.35 * customer.Engagement * (recent ? decline : 1.0);
            var count = s.Poisson(rate * days);
            for (var e = 0; e < count; e++)
            {
                var offsetDays = recent ? s.Uniform() * days : 30 + (s.Uniform() * days);
                var ts = asOf.AddDays(-offsetDays).AddSeconds(-1);
                var type = s.Pick(EventTypes);
                await writer.WriteLineAsync(EventLine(line, customer.Id, ++counter, type, ts)).ConfigureAwait(false);
                written++;
            }
        }

        var supportCalls = s.Poisson(0.4 + (0.5 * Math.Max(0, customer.Dissatisfaction)));
        var failedPayments = s.Poisson(customer.Payment == "electronic-check" ? 0.5 : 0.15);
        foreach (var (type, count) in new[] { ("support_call", supportCalls), ("payment_failed", failedPayments) })
        {
            for (var e = 0; e < count; e++)
            {
                var ts = asOf.AddDays(-s.Uniform() * Math.Min(90, activeDays)).AddSeconds(-1);
                await writer.WriteLineAsync(EventLine(line, customer.Id, ++counter, type, ts)).ConfigureAwait(false);
                written++;
            }
        }

        return written;
    }

    private static string EventLine(StringBuilder line, string customerId, int counter, string type, DateTimeOffset ts)
    {
        line.Clear();
        line.Append('E').Append(customerId.AsSpan(1)).Append('-').Append(counter.ToString("D4", CultureInfo.InvariantCulture))
            .Append(',').Append(customerId).Append(',').Append(type).Append(',').Append(Timestamp(ts));
        return line.ToString();
    }

    internal static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
