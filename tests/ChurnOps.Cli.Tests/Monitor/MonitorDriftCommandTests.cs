using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ChurnOps.Cli.Tests.Monitor;

/// <summary>`churnops monitor drift|report` as real processes on real files.</summary>
public sealed class MonitorDriftCommandTests
{
    private static string WriteCsv(string dir, string name, int rows, double shift, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("monthly_charges,plan\n");
        for (var i = 0; i < rows; i++)
        {
            var charge = Math.Round(60 + shift + 15 * (random.NextDouble() + random.NextDouble() - 1), 2);
            text.Append(CultureInfo.InvariantCulture, $"{charge.ToString(CultureInfo.InvariantCulture)},{(random.Next(2) == 0 ? "basic" : "premium")}\n");
        }

        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public async Task MonitorDrift_ShiftedColumnAndColumnTestOverride_JsonNamesTestsAndDecisions()
    {
        using var temp = new TempDirectory();
        var reference = WriteCsv(temp.Path, "ref.csv", 800, 0, 1);
        var current = WriteCsv(temp.Path, "cur.csv", 700, 9, 2);

        var (code, stdout, stderr) = await CliProcess.RunAsync(temp.Path, "monitor", "drift", "--reference", reference, "--current", current, "--column-test", "plan=psi", "--json");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var columns = json.RootElement.GetProperty("columns").EnumerateArray().ToList();
        Assert.Equal(["ks", "psi"], columns.Select(c => c.GetProperty("test").GetString()));
        Assert.True(columns[0].GetProperty("drifted").GetBoolean());
        Assert.True(columns[0].GetProperty("pValue").GetDouble() <= 0.05);
        Assert.False(columns[1].GetProperty("drifted").GetBoolean());
        Assert.Equal("set for this column (psi)", columns[1].GetProperty("reason").GetString());
        Assert.Equal(800, json.RootElement.GetProperty("referenceRows").GetInt64());
    }

    [Fact]
    public async Task MonitorDrift_ProjectSettings_ColumnTestFromChurnopsYaml()
    {
        using var temp = new TempDirectory();
        var reference = WriteCsv(temp.Path, "ref.csv", 300, 0, 1);
        var current = WriteCsv(temp.Path, "cur.csv", 300, 0, 2);
        await File.WriteAllTextAsync(Path.Combine(temp.Path, "churnops.yaml"), "monitoring:\n  drift:\n    columns:\n      monthly_charges:\n        test: wasserstein\n        threshold: 0.5\n");

        var (code, stdout, stderr) = await CliProcess.RunAsync(temp.Path, "monitor", "drift", "--reference", reference, "--current", current, "--columns", "monthly_charges", "--json", "-C", temp.Path);

        Assert.True(code == 0, stderr);
        var column = JsonDocument.Parse(stdout).RootElement.GetProperty("columns")[0];
        Assert.Equal("wasserstein", column.GetProperty("test").GetString());
        Assert.Equal(0.5, column.GetProperty("threshold").GetDouble());
    }

    [Fact]
    public async Task MonitorDrift_BadInputs_OneLineErrorEachAndNonZeroExit()
    {
        using var temp = new TempDirectory();
        var reference = WriteCsv(temp.Path, "ref.csv", 100, 0, 1);
        var one = WriteCsv(temp.Path, "one.csv", 1, 0, 1);
        var empty = WriteCsv(temp.Path, "empty.csv", 0, 0, 2);
        var thin = Path.Combine(temp.Path, "thin.csv");
        await File.WriteAllTextAsync(thin, "plan\nbasic\n");

        var missing = await CliProcess.RunAsync(temp.Path, "monitor", "drift", "--reference", reference, "--current", thin);
        var oneRow = await CliProcess.RunAsync(temp.Path, "monitor", "drift", "--reference", one, "--current", reference);
        var nothing = await CliProcess.RunAsync(temp.Path, "monitor", "drift", "--reference", reference, "--current", empty);
        var badTest = await CliProcess.RunAsync(temp.Path, "monitor", "drift", "--reference", reference, "--current", reference, "--column-test", "plan=anova", "--threshold", "plan=-1");

        Assert.Equal((1, $"error: {thin} lacks column 'monthly_charges' of the reference {reference}"), (missing.ExitCode, missing.Stderr.Trim()));
        Assert.Equal((1, $"error: {one} has 1 data row; a reference needs at least 2"), (oneRow.ExitCode, oneRow.Stderr.Trim()));
        Assert.Equal((1, $"error: {empty} has no data rows: there is nothing to compare"), (nothing.ExitCode, nothing.Stderr.Trim()));
        Assert.Equal(2, badTest.ExitCode);
        Assert.Equal(
            ["error: --column-test 'plan=anova': expected COL=TEST with TEST one of ks|chisquare|ztest|wasserstein|jensenshannon|psi", "error: --threshold 'plan=-1': expected COL=VALUE with a positive number"],
            badTest.Stderr.Trim().Split('\n'));
        Assert.All([missing, oneRow, nothing, badTest], r => Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MonitorReport_Html_OneSelfContainedFile()
    {
        using var temp = new TempDirectory();
        var reference = WriteCsv(temp.Path, "ref.csv", 400, 0, 1);
        var current = WriteCsv(temp.Path, "cur.csv", 400, 5, 2);
        var html = Path.Combine(temp.Path, "reports", "drift.html");

        var (code, stdout, stderr) = await CliProcess.RunAsync(temp.Path, "monitor", "report", "--reference", reference, "--current", current, "--html", html);

        Assert.True(code == 0, stderr);
        Assert.Contains($"Report: {html}", stdout, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(html);
        Assert.StartsWith("<!DOCTYPE html>", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split("<svg ").Length - 1);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(html)!));
    }
}
