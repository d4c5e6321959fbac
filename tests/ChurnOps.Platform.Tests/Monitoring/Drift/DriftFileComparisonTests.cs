using System.Globalization;
using System.Text;
using ChurnOps.Core.Monitoring.Drift;
using ChurnOps.Platform.Monitoring.Drift;
using ChurnOps.Storage.Files;

namespace ChurnOps.Platform.Tests.Monitoring.Drift;

/// <summary>`monitor drift` below the CLI: real CSV and Parquet files through DuckDB into the drift engine.</summary>
public sealed class DriftFileComparisonTests
{
    private static readonly DriftFileComparison Comparison = DriftFileComparison.CreateDefault();

    private static string WriteCsv(string dir, string name, int rows, double shift, int seed, Func<int, string>? plan = null)
    {
        var random = new Random(seed);
        var text = new StringBuilder("customer_id,monthly_charges,plan,support_calls\n");
        for (var i = 0; i < rows; i++)
        {
            var charge = Math.Round(60 + shift + 15 * (random.NextDouble() + random.NextDouble() - 1), 2);
            var chosen = plan?.Invoke(i) ?? (random.Next(3) switch { 0 => "basic", 1 => "standard", _ => "premium" });
            var calls = i % 50 == 0 ? string.Empty : random.Next(0, 3).ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"C{i},{charge.ToString(CultureInfo.InvariantCulture)},{chosen},{calls}\n");
        }

        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static DriftFileRequest Request(string reference, string current, IReadOnlyList<string>? columns = null) =>
        new(reference, current, columns, DriftOptions.Default);

    [Fact]
    public async Task Compare_CsvAndTheSameDataAsParquet_SameReport()
    {
        using var temp = new TempDirectory();
        var reference = WriteCsv(temp.Path, "ref.csv", 3000, 0, 1);
        var current = WriteCsv(temp.Path, "cur.csv", 2000, 8, 2, i => i % 4 == 0 ? "enterprise" : "basic");
        var converter = new DuckDbParquetConverter();
        var types = new Dictionary<string, string> { ["customer_id"] = "VARCHAR", ["monthly_charges"] = "DOUBLE", ["plan"] = "VARCHAR", ["support_calls"] = "BIGINT" };
        Assert.Null(await converter.FromCsvAsync(reference, Path.Combine(temp.Path, "ref.parquet"), types, CancellationToken.None));
        Assert.Null(await converter.FromCsvAsync(current, Path.Combine(temp.Path, "cur.parquet"), types, CancellationToken.None));
        string[] columns = ["monthly_charges", "plan", "support_calls"];

        var fromCsv = await Comparison.CompareAsync(Request(reference, current, columns), CancellationToken.None);
        var fromParquet = await Comparison.CompareAsync(Request(Path.Combine(temp.Path, "ref.parquet"), Path.Combine(temp.Path, "cur.parquet"), columns), CancellationToken.None);

        Assert.True(fromCsv.Succeeded, fromCsv.Error);
        Assert.True(fromParquet.Succeeded, fromParquet.Error);
        var csv = fromCsv.Report!.Columns;
        Assert.Equal(["monthly_charges", "plan", "support_calls"], csv.Select(c => c.Column));
        Assert.Equal([DriftTest.Wasserstein, DriftTest.JensenShannon, DriftTest.JensenShannon], csv.Select(c => c.Test));
        Assert.Equal([true, true, false], csv.Select(c => c.Drifted));
        Assert.Equal(["enterprise"], csv[1].NewCategories);
        Assert.Equal(2940, csv[2].ReferenceCount);
        Assert.Equal(csv.Select(c => (c.Test, c.Score, c.Drifted, c.ReferenceCount, c.CurrentCount)), fromParquet.Report!.Columns.Select(c => (c.Test, c.Score, c.Drifted, c.ReferenceCount, c.CurrentCount)));
    }

    [Fact]
    public async Task Compare_ColumnMissingFromCurrent_NamesColumnAndBothFiles()
    {
        using var temp = new TempDirectory();
        var reference = WriteCsv(temp.Path, "ref.csv", 50, 0, 1);
        var current = Path.Combine(temp.Path, "cur.csv");
        await File.WriteAllTextAsync(current, "customer_id,monthly_charges,plan\nC1,60.5,basic\n");

        var outcome = await Comparison.CompareAsync(Request(reference, current), CancellationToken.None);

        Assert.Equal($"{current} lacks column 'support_calls' of the reference {reference}", outcome.Error);
    }

    [Fact]
    public async Task Compare_ReferenceOfOneRow_Refused()
    {
        using var temp = new TempDirectory();
        var reference = WriteCsv(temp.Path, "ref.csv", 1, 0, 1);
        var current = WriteCsv(temp.Path, "cur.csv", 100, 0, 2);

        var outcome = await Comparison.CompareAsync(Request(reference, current), CancellationToken.None);

        Assert.Equal($"{reference} has 1 data row; a reference needs at least 2", outcome.Error);
    }

    [Fact]
    public async Task Compare_CurrentWithOnlyAHeader_NothingToCompare()
    {
        using var temp = new TempDirectory();
        var reference = WriteCsv(temp.Path, "ref.csv", 100, 0, 1);
        var current = WriteCsv(temp.Path, "cur.csv", 0, 0, 2);

        var outcome = await Comparison.CompareAsync(Request(reference, current), CancellationToken.None);

        Assert.Equal($"{current} has no data rows: there is nothing to compare", outcome.Error);
    }

    [Fact]
    public async Task Compare_UnknownColumnOrMissingFile_PreciseErrors()
    {
        using var temp = new TempDirectory();
        var reference = WriteCsv(temp.Path, "ref.csv", 100, 0, 1);

        var unknown = await Comparison.CompareAsync(Request(reference, reference, ["tenure"]), CancellationToken.None);
        var missing = await Comparison.CompareAsync(Request(reference, Path.Combine(temp.Path, "nope.csv")), CancellationToken.None);

        Assert.Equal($"reference {reference}: no column 'tenure' (the file has: customer_id, monthly_charges, plan, support_calls)", unknown.Error);
        Assert.Equal($"current {Path.Combine(temp.Path, "nope.csv")}: no such file", missing.Error);
    }

    [Fact]
    public async Task WriteHtml_Report_SelfContainedWithSvgPerColumnAndNoPartialFile()
    {
        using var temp = new TempDirectory();
        var reference = WriteCsv(temp.Path, "ref.csv", 500, 0, 1);
        var current = WriteCsv(temp.Path, "cur.csv", 400, 10, 2);
        var report = (await Comparison.CompareAsync(Request(reference, current, ["monthly_charges", "plan"]), CancellationToken.None)).Report!;
        var path = Path.Combine(temp.Path, "out", "drift.html");

        await DriftHtmlReport.WriteAsync(path, report, "ref <1>.csv", "cur.csv", new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero), CancellationToken.None);

        var html = await File.ReadAllTextAsync(path);
        Assert.Equal(2, html.Split("<svg ").Length - 1);
        Assert.Contains("ref &lt;1&gt;.csv", html, StringComparison.Ordinal);
        Assert.Contains("<td>ks</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["drift.html"], Directory.GetFiles(Path.Combine(temp.Path, "out")).Select(Path.GetFileName));
    }
}
