using ChurnOps.Core.Features;

namespace ChurnOps.Bench.Features;

/// <summary>The online-store benchmarks' rows: churn-shaped (9 numbers, 3 categories, one null).</summary>
internal static class OnlineBenchRecords
{
    /// <summary>Draws from <paramref name="random"/>, which the caller may go on using (e.g. for the lookup keys).</summary>
    public static List<OnlineFeatureRecord> Create(int entities, Random random)
    {
        var records = new List<OnlineFeatureRecord>(entities);
        for (var e = 0; e < entities; e++)
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var f = 0; f < 9; f++)
            {
                values["num_" + f] = random.NextDouble() * 100;
            }

            values["plan"] = "premium";
            values["contract_type"] = "monthly";
            values["payment_method"] = "card";
            values["region"] = null;
            records.Add(new OnlineFeatureRecord("bench", "0123456789abcdef", "C" + e, DateTimeOffset.UnixEpoch.AddDays(19000), values));
        }

        return records;
    }
}
