using ChurnOps.Platform.Generation;

namespace ChurnOps.Platform.Tests.Generation;

public sealed class SyntheticChurnDataTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task WriteAsync_SameSeed_WritesIdenticalFiles_OtherSeedDiffers()
    {
        using var temp = new TempDirectory();
        await SyntheticChurnData.WriteAsync(new SyntheticDataOptions(300, 7, AsOf), temp.Sub("a"), CancellationToken.None);
        await SyntheticChurnData.WriteAsync(new SyntheticDataOptions(300, 7, AsOf), temp.Sub("b"), CancellationToken.None);
        await SyntheticChurnData.WriteAsync(new SyntheticDataOptions(300, 8, AsOf), temp.Sub("c"), CancellationToken.None);

        foreach (var file in new[] { "customers.csv", "events.csv", "labels.csv" })
        {
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(temp.Sub("a"), file)), await File.ReadAllTextAsync(Path.Combine(temp.Sub("b"), file)));
        }

        Assert.NotEqual(await File.ReadAllTextAsync(Path.Combine(temp.Sub("a"), "labels.csv")), await File.ReadAllTextAsync(Path.Combine(temp.Sub("c"), "labels.csv")));
    }

    [Fact]
    public async Task WriteAsync_Labels_HaveRealisticChurnRate_AndEventsPrecedeSnapshot()
    {
        using var temp = new TempDirectory();
        var result = await SyntheticChurnData.WriteAsync(new SyntheticDataOptions(3000, 42, AsOf), temp.Path, CancellationToken.None);

        var rate = (double)result.Churned / result.Customers;
        Assert.InRange(rate, 0.10, 0.40);
        var events = await File.ReadAllLinesAsync(result.EventsFile);
        Assert.Equal(result.Events + 1, events.Length);
        var latest = events.Skip(1).Select(l => DateTime.Parse(l.Split(',')[3], System.Globalization.CultureInfo.InvariantCulture)).Max();
        Assert.True(latest < AsOf.UtcDateTime, "no event may be at or after the snapshot time");
        var header = (await File.ReadAllLinesAsync(result.CustomersFile))[0];
        Assert.Equal("customer_id,signup_date,plan,contract_type,payment_method,region,age,monthly_charges,support_tickets,updated_at", header);
    }

    [Fact]
    public async Task WriteAsync_Drift_AddsNewCategoryValuesAndShiftsCharges()
    {
        using var temp = new TempDirectory();
        var baseline = await SyntheticChurnData.WriteAsync(new SyntheticDataOptions(2000, 1, AsOf), temp.Sub("base"), CancellationToken.None);
        var drifted = await SyntheticChurnData.WriteAsync(new SyntheticDataOptions(2000, 1, AsOf, InjectDrift: true), temp.Sub("drift"), CancellationToken.None);

        static async Task<(HashSet<string> Payments, double MeanCharges)> ReadAsync(string file)
        {
            var rows = (await File.ReadAllLinesAsync(file)).Skip(1).Select(l => l.Split(',')).ToList();
            return (rows.Select(r => r[4]).ToHashSet(), rows.Average(r => double.Parse(r[7], System.Globalization.CultureInfo.InvariantCulture)));
        }

        var (basePayments, baseCharges) = await ReadAsync(baseline.CustomersFile);
        var (driftPayments, driftCharges) = await ReadAsync(drifted.CustomersFile);
        Assert.DoesNotContain("crypto-wallet", basePayments);
        Assert.Contains("crypto-wallet", driftPayments);
        Assert.True(driftCharges > baseCharges * 1.15, $"drifted mean charges {driftCharges} should exceed {baseCharges} by 15%");
    }

    [Fact]
    public void Validate_RowsOutOfRange_NamesTheOption()
    {
        var errors = new SyntheticDataOptions(0, 1, AsOf).Validate();
        Assert.Contains(errors, e => e.Contains("--rows", StringComparison.Ordinal));
    }
}
