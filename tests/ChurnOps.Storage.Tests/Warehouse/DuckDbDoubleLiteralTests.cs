using System.Globalization;
using System.Text;
using ChurnOps.Core.Warehouse;
using ChurnOps.Storage.Warehouse;

namespace ChurnOps.Storage.Tests.Warehouse;

/// <summary>Doubles written into warehouse SQL (contract bounds, histogram edges) must reach the engine bit for bit.</summary>
public sealed class DuckDbDoubleLiteralTests
{
    [Fact]
    public async Task SqlNumberDouble_ValuesAcrossTheRange_ReadBackBitExact()
    {
        using var temp = new TempDirectory();
        var warehouse = await DuckDbWarehouse.OpenAsync(temp.Sub("w.duckdb"), CancellationToken.None);
        var values = HardValues();

        var mismatches = await MismatchesAsync(warehouse, values, SqlNumber.Double);

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task BareRoundTripLiteral_SeventeenDigitValues_SomeComeBackOff()
    {
        // Why SqlNumber exists: the bare shortest round-trip text is parsed as an exact DECIMAL and converted with double
        // rounding. If DuckDB ever converts exactly, this fails and SqlNumber's cast can be reconsidered.
        using var temp = new TempDirectory();
        var warehouse = await DuckDbWarehouse.OpenAsync(temp.Sub("w.duckdb"), CancellationToken.None);
        var values = HardValues().Where(double.IsFinite).ToList();

        var mismatches = await MismatchesAsync(warehouse, values, v => v.ToString("R", CultureInfo.InvariantCulture));

        Assert.NotEmpty(mismatches);
    }

    private static List<double> HardValues()
    {
        var random = new Random(20261129);
        var values = new List<double>
        {
            0, -0.0, 1, -1, 0.1, 0.30000000000000004, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue,
            2.2250738585072014E-308, 2.2250738585072009E-308, 1e23, 9007199254740993, 123456789.12345679,
            double.NaN, double.PositiveInfinity, double.NegativeInfinity,
        };
        for (var i = 0; i < 60; i++)
        {
            var p = Math.Pow(2, random.Next(-60, 60));
            values.Add(Math.BitIncrement(p));
            values.Add(Math.BitDecrement(p));
        }

        while (values.Count < 3000)
        {
            // Random bit patterns cover every exponent; ordinary 17-digit decimals are where bare literals go wrong.
            var bits = BitConverter.DoubleToInt64Bits(random.NextDouble()) ^ ((long)random.Next() << 32);
            var v = BitConverter.Int64BitsToDouble(bits);
            if (double.IsFinite(v))
            {
                values.Add(v);
            }

            values.Add(random.NextDouble() * Math.Pow(10, random.Next(-5, 12)));
        }

        return values;
    }

    private static async Task<List<string>> MismatchesAsync(DuckDbWarehouse warehouse, IReadOnlyList<double> values, Func<double, string> render)
    {
        var mismatches = new List<string>();
        for (var start = 0; start < values.Count; start += 500)
        {
            var chunk = values.Skip(start).Take(500).ToList();
            var sql = new StringBuilder("SELECT i, CAST(v AS DOUBLE) AS v FROM (VALUES ");
            sql.AppendJoin(", ", chunk.Select((v, i) => $"({i}, {render(v)})"));
            sql.Append(") t(i, v) ORDER BY i");
            var data = await warehouse.QueryAsync(sql.ToString(), CancellationToken.None);
            for (var i = 0; i < chunk.Count; i++)
            {
                var back = data["v"].Numbers![i];
                var same = double.IsNaN(chunk[i]) ? double.IsNaN(back) : BitConverter.DoubleToInt64Bits(back) == BitConverter.DoubleToInt64Bits(chunk[i]);
                if (!same)
                {
                    mismatches.Add($"{chunk[i]:R} read back as {back:R}");
                }
            }
        }

        return mismatches;
    }
}
