using System.Globalization;
using System.Text;

namespace ChurnOps.Bench.Monitoring;

/// <summary>
/// The drift benchmark's files: 20 churn-like columns (10 continuous, 4 small integers, 6 text), a 100,000-row
/// reference and a 1,000,000-row current set from fixed seeds, where 3 continuous columns, 1 integer and 2 text
/// columns shift. Numbers are written with 4 decimals (ties, as real data has); 1 % of a few columns is empty (null).
/// </summary>
internal static class DriftBenchData
{
    public static readonly string[] Columns =
    [
        "monthly_charges", "tenure_days", "events_per_day", "days_since_last_event", "age", "total_spend", "session_minutes",
        "pages_per_session", "discount_rate", "latency_ms", "support_calls", "failed_payments", "devices", "plan_changes",
        "plan", "contract_type", "payment_method", "region", "channel", "device_os",
    ];

    private static readonly string[][] Categories =
    [
        ["basic", "standard", "premium", "enterprise"],
        ["month-to-month", "one-year", "two-year"],
        ["credit-card", "debit-card", "bank-transfer", "electronic-check", "paypal"],
        ["north", "south", "east", "west", "central", "islands"],
        [.. Enumerable.Range(0, 40).Select(i => $"campaign-{i:D2}")],
        ["android", "ios", "windows", "macos", "linux", "other"],
    ];

    public static void Write(string path, int rows, bool shifted, int seed)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.WriteLine(string.Join(',', Columns));
        var line = new StringBuilder(256);
        for (var r = 0; r < rows; r++)
        {
            line.Clear();
            double Gauss() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            void Number(double value, bool mayBeNull = false)
            {
                if (!(mayBeNull && random.NextDouble() < 0.01))
                {
                    line.Append(Math.Round(value, 4).ToString("R", CultureInfo.InvariantCulture));
                }

                line.Append(',');
            }

            Number(65 + 20 * Gauss() + (shifted ? 6 : 0));
            Number(Math.Exp(5.5 + 0.9 * Gauss()) * (shifted ? 0.8 : 1));
            Number(Math.Abs(2 + 1.5 * Gauss()) * (shifted ? 1.3 : 1));
            Number(-Math.Log(1 - random.NextDouble()) * 12, mayBeNull: true);
            Number(18 + 60 * random.NextDouble(), mayBeNull: true);
            Number(Math.Exp(7 + 1.1 * Gauss()));
            Number(30 + 12 * Gauss());
            Number(Math.Abs(5 + 3 * Gauss()));
            Number(0.3 * random.NextDouble());
            Number(Math.Exp(3 + 0.5 * Gauss()));
            Number(random.Next(0, shifted ? 5 : 4));
            Number(random.Next(0, 3));
            Number(random.Next(1, 5));
            Number(random.Next(0, 2));
            for (var c = 0; c < Categories.Length; c++)
            {
                var values = Categories[c];
                var pick = c switch
                {
                    2 when shifted && random.NextDouble() < 0.2 => "crypto-wallet",
                    3 when shifted => values[Math.Min(values.Length - 1, (int)(Math.Pow(random.NextDouble(), 1.8) * values.Length))],
                    4 => values[(int)(Math.Pow(random.NextDouble(), 2) * values.Length)],
                    _ => values[random.Next(values.Length)],
                };
                line.Append(pick);
                if (c < Categories.Length - 1)
                {
                    line.Append(',');
                }
            }

            writer.WriteLine(line);
        }
    }
}
