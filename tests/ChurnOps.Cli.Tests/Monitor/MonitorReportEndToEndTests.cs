using System.Globalization;
using System.Text.Json;
using ChurnOps.Core.Alerts;
using ChurnOps.Core.Retraining;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Quickstart;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Tests.Monitor;

/// <summary>
/// `churnops monitor report --html` on the quickstart project: the quickstart scored three days ago, the same customers
/// are scored again today, and labels arrive two days ago for part of the first scoring. Performance over time then
/// has an estimate in the two windows that predicted, the realised value only where labels joined, the empty windows
/// say so, and the report changes nothing (no alert, no retraining, although `monitor run` would retrain on the
/// quickstart's data event).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class MonitorReportEndToEndTests : IDisposable
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    [Fact]
    public async Task MonitorReport_PredictionsOverDaysAndLateLabels_EstimatedPerWindowRealisedWhereLabelledAndNothingRaised()
    {
        var project = _temp.Sub("project");
        var (summary, error) = await new QuickstartRunner(new ShiftedClock(TimeSpan.FromDays(3)))
            .RunAsync(new QuickstartOptions(project, 2000, 42, AsOf, "tester"), null, CancellationToken.None);
        Assert.True(summary is not null, error);

        var rows = _temp.Sub("features.csv");
        await RunOkAsync("features", "training-set", "--entities", Path.Combine(project, "data", "labels.csv"), "--views", "customer_features", "--out", rows, "--dir", project);
        await RunOkAsync("score", "-m", "churn", "-i", rows, "-o", _temp.Sub("scores.csv"), "--log", "--dir", project);

        // The first 600 customers' outcomes, observed two days ago: after the quickstart's scoring, before today's.
        var observed = DateTimeOffset.UtcNow.AddDays(-2).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var labels = File.ReadLines(Path.Combine(project, "data", "labels.csv")).Skip(1).Take(600).Select(l => l.Split(','));
        var late = _temp.Sub("late-labels.csv");
        await File.WriteAllLinesAsync(late, ["customer_id,event_timestamp,churned", .. labels.Select(l => $"{l[0]},{observed},{l[2]}")]);
        await RunOkAsync("ingest", "labels", late, "--dir", project);

        var html = _temp.Sub("report.html");
        var output = await RunOkAsync("monitor", "report", "--html", html, "--window", "1d", "--windows", "4", "--json", "--dir", project);

        using var json = JsonDocument.Parse(output);
        var arm = Assert.Single(json.RootElement.GetProperty("arms").EnumerateArray());
        Assert.Equal(4000, arm.GetProperty("predictions").GetInt64());
        var timeline = arm.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal([2000L, 0L, 0L, 2000L], timeline.Select(p => p.GetProperty("predictions").GetInt64()));
        Assert.All(timeline.Zip(timeline.Skip(1)), pair => Assert.Equal(pair.First.GetProperty("to").GetDateTimeOffset(), pair.Second.GetProperty("from").GetDateTimeOffset()));

        var (oldest, newest) = (timeline[0], timeline[3]);
        foreach (var point in new[] { oldest, newest })
        {
            var auc = point.GetProperty("estimated").GetProperty("rocAuc");
            Assert.InRange(auc.GetProperty("value").GetDouble(), auc.GetProperty("lower").GetDouble(), auc.GetProperty("upper").GetDouble());
            Assert.InRange(auc.GetProperty("value").GetDouble(), 0.5, 1.0);
        }

        var realised = oldest.GetProperty("realised");
        Assert.Equal(600, realised.GetProperty("labelled").GetInt64());
        var realisedAuc = realised.GetProperty("auc").GetDouble();
        Assert.InRange(realisedAuc, 0.5, 1.0);
        Assert.False(newest.TryGetProperty("realised", out var today) && today.GetProperty("labelled").GetInt64() > 0);
        Assert.Equal("no predictions in this window", timeline[1].GetProperty("note").GetString());

        // The HTML shows the same series: three charts with labelled axes, and the realised AUC as a marker.
        var page = await File.ReadAllTextAsync(html);
        Assert.Contains("<h3>Performance over time</h3>", page, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"ROC AUC over time\"", page, StringComparison.Ordinal);
        Assert.Contains(">window end (UTC)</text>", page, StringComparison.Ordinal);
        Assert.Contains($"realised {realisedAuc.ToString("0.###", CultureInfo.InvariantCulture)} from 600 labelled predictions", page, StringComparison.Ordinal);
        Assert.Contains("<h3>Drift in the newest window</h3>", page, StringComparison.Ordinal);

        // A report is a look: `monitor run` on this project would retrain on the quickstart's data.customers.updated.
        var (alerts, retrainings) = await AlertsAndRetrainingsAsync(project);
        Assert.Empty(alerts);
        Assert.Empty(retrainings);
    }

    [Theory]
    [InlineData("--reference", "ref.csv")]
    [InlineData("--current", "cur.csv")]
    public async Task MonitorReport_OnlyOneOfTheFiles_ExitsTwoNamingBoth(string option, string file)
    {
        var (code, _, error) = await InProcessCli.RunAsync(["monitor", "report", "--html", _temp.Sub("r.html"), option, _temp.Sub(file), "--dir", _temp.Path]);

        Assert.Equal(2, code);
        Assert.Equal("error: --reference and --current go together: give both to compare two files, or neither to report on the project's live predictions", error.Trim());
        Assert.False(File.Exists(_temp.Sub("r.html")));
    }

    [Fact]
    public async Task MonitorReport_NoWindows_ExitsTwo()
    {
        var (code, _, error) = await InProcessCli.RunAsync(["monitor", "report", "--html", _temp.Sub("r.html"), "--windows", "0", "--dir", _temp.Path]);

        Assert.Equal(2, code);
        Assert.Equal("error: --windows: 0 is out of range; give 1 to 1000", error.Trim());
    }

    private static async Task<string> RunOkAsync(params string[] args)
    {
        var (code, output, error) = await InProcessCli.RunAsync(args);
        Assert.True(code == 0, $"churnops {string.Join(' ', args)} exited {code}: {error}\n{output}");
        return output;
    }

    private static async Task<(IReadOnlyList<Alert> Alerts, IReadOnlyList<RetrainingRun> Retrainings)> AlertsAndRetrainingsAsync(string project)
    {
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(project, ProjectAccess.ReadOnly, TimeProvider.System, CancellationToken.None);
        Assert.True(workspace is not null, error);
        return (await workspace.Services.GetRequiredService<IAlertLifecycle>().ListAsync(null, null, 100, CancellationToken.None),
            await workspace.Services.GetRequiredService<IRetrainingStore>().ListAsync("churn", 100, CancellationToken.None));
    }
}
