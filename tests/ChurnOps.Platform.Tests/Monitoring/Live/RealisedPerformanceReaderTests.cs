using System.Globalization;
using ChurnOps.Platform.Ingestion;
using ChurnOps.Platform.Monitoring;
using ChurnOps.Platform.Monitoring.Labels;
using ChurnOps.Platform.Monitoring.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChurnOps.Platform.Tests.Monitoring.Live;

/// <summary>
/// Labels loaded the way `churnops ingest labels FILE` loads them, joined to logged predictions in a real DuckDB file;
/// the expected metrics are worked out by hand in the comments.
/// </summary>
public sealed class RealisedPerformanceReaderTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static string At(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static async Task LogPredictionsAsync(TestProject project, params (string Customer, double Probability, DateTimeOffset At, int Version)[] rows)
    {
        await PredictionTable.EnsureAsync(project.Workspace.Warehouse, Ct);
        var values = rows.Select((r, i) => string.Create(CultureInfo.InvariantCulture,
            $"('p{i}', 'churn', {r.Version}, '{r.Customer}', {r.Probability:R}, {(r.Probability >= 0.5 ? "true" : "false")}, 'batch', TIMESTAMP '{At(r.At)}', NULL, NULL, NULL)"));
        await project.Workspace.Warehouse.ExecuteAsync("INSERT INTO monitoring.predictions VALUES " + string.Join(", ", values), Ct);
    }

    private static async Task IngestLabelsAsync(TestProject project, params (string Customer, DateTimeOffset At, int Churned)[] labels)
    {
        var file = project.WriteFile("labels.csv", "customer_id,event_timestamp,churned\n" + string.Concat(labels.Select(l => $"{l.Customer},{At(l.At)},{l.Churned}\n")));
        var result = await project.Workspace.Services.GetRequiredService<IngestionService>().IngestAsync(new IngestRequest("labels", [file], null), Ct);
        Assert.True(result.Succeeded, result.Error);
    }

    [Fact]
    public async Task ReadAsync_LabelsAfterPredictions_RealisedMetricsMatchHandComputation()
    {
        await using var project = await TestProject.CreateAsync(new FakeTimeProvider(Now));
        var scored = Now.AddHours(-2);
        await LogPredictionsAsync(project,
            ("C1", 0.9, scored, 1), ("C2", 0.8, scored, 1), ("C3", 0.7, scored, 1),
            ("C4", 0.4, scored, 1), ("C5", 0.3, scored, 1), ("C6", 0.2, scored, 1),
            ("C7", 0.6, scored, 1), ("C8", 0.6, scored, 1));
        var after = Now.AddHours(-1);
        await IngestLabelsAsync(project,
            ("C1", after, 1), ("C2", after, 0), ("C3", after, 1), ("C4", after, 1), ("C5", after, 0), ("C6", after, 0),
            ("C7", scored.AddHours(-1), 1), // observed before the prediction: not its outcome
            ("C8", scored.AddDays(91), 0), // beyond the 90-day horizon
            ("C9001", after, 1), ("C9002", after, 0)); // customers the model never scored

        var report = await new RealisedPerformanceReader(project.Workspace.Warehouse, project.Workspace.Config)
            .ReadAsync("churn", null, Now, TimeSpan.FromDays(1), 1, TimeSpan.FromDays(90), Ct);

        var window = Assert.Single(report.Windows);
        Assert.Equal((1, Now.AddDays(-1), Now, 8L, 6L, 3L), (window.ModelVersion, window.From, window.To, window.Predictions, window.Labelled, window.Positives));
        // Positives 0.9, 0.7, 0.4 against negatives 0.8, 0.3, 0.2: 3 + 2 + 2 of 9 pairs ordered right.
        Assert.Equal(7.0 / 9.0, window.Auc!.Value, 15);
        // Decisions at 0.5: TP C1, C3; FP C2; FN C4.
        Assert.Equal(2.0 / 3.0, window.Precision!.Value, 15);
        Assert.Equal(2.0 / 3.0, window.Recall!.Value, 15);
        Assert.Equal(2, report.LabelsWithoutPrediction);
        Assert.Equal(["C9001", "C9002"], report.UnknownCustomerSamples);
        Assert.Null(report.Note);
    }

    [Fact]
    public async Task ReadAsync_SeveralWindowsAndVersions_EachGetsItsOwnRow()
    {
        await using var project = await TestProject.CreateAsync(new FakeTimeProvider(Now));
        await LogPredictionsAsync(project,
            ("A", 0.9, Now.AddHours(-1), 1), ("B", 0.1, Now.AddHours(-1), 1),
            ("C", 0.2, Now.AddDays(-1).AddHours(-1), 1), ("D", 0.8, Now.AddDays(-1).AddHours(-1), 1),
            ("E", 0.7, Now.AddHours(-3), 2));
        await IngestLabelsAsync(project, ("A", Now, 1), ("B", Now, 0), ("C", Now, 1), ("D", Now, 0), ("E", Now, 1));

        var report = await new RealisedPerformanceReader(project.Workspace.Warehouse, project.Workspace.Config)
            .ReadAsync("churn", null, Now, TimeSpan.FromDays(1), 2, TimeSpan.FromDays(90), Ct);

        Assert.Equal(
            [(1, Now.AddDays(-2), 1.0 - 1.0), (1, Now.AddDays(-1), 1.0)],
            report.Windows.Where(w => w.ModelVersion == 1).Select(w => (w.ModelVersion, w.From, w.Auc!.Value)));
        var v2 = Assert.Single(report.Windows, w => w.ModelVersion == 2);
        Assert.Null(v2.Auc); // one class only: AUC is undefined, not 0 or 1
        Assert.Equal(1.0, v2.Recall);
    }

    [Fact]
    public async Task ReadAsync_NoLabelsTable_SaysHowToLoadThem()
    {
        await using var project = await TestProject.CreateAsync(new FakeTimeProvider(Now));
        await LogPredictionsAsync(project, ("A", 0.9, Now.AddHours(-1), 1));

        var report = await new RealisedPerformanceReader(project.Workspace.Warehouse, project.Workspace.Config)
            .ReadAsync("churn", null, Now, TimeSpan.FromDays(1), 1, TimeSpan.FromDays(90), Ct);

        Assert.Empty(report.Windows);
        Assert.Equal("no labels yet (staging.labels does not exist; load them with `churnops ingest labels FILE`)", report.Note);
    }

    [Fact]
    public async Task ArmsAsync_NoPredictionTable_PreciseMessage()
    {
        await using var project = await TestProject.CreateAsync(new FakeTimeProvider(Now));

        var (arms, error) = await new LivePredictions(project.Workspace.Warehouse).ArmsAsync("churn", null, Now.AddDays(-1), Now, Ct);

        Assert.Empty(arms);
        Assert.Equal("no predictions have been logged yet (monitoring.predictions does not exist); score with --log or serve the model first", error);
    }

    [Fact]
    public async Task ArmsAsync_PredictionsOnlyBeforeTheWindow_NamesTheNewestAndTheWindow()
    {
        await using var project = await TestProject.CreateAsync(new FakeTimeProvider(Now));
        await LogPredictionsAsync(project, ("A", 0.9, Now.AddDays(-3), 1), ("B", 0.2, Now.AddDays(-2), 1));

        var (arms, error) = await new LivePredictions(project.Workspace.Warehouse).ArmsAsync("churn", null, Now.AddDays(-1), Now, Ct);
        var (_, otherModel) = await new LivePredictions(project.Workspace.Warehouse).ArmsAsync("fraud", null, Now.AddDays(-1), Now, Ct);

        Assert.Empty(arms);
        Assert.Equal("no predictions of model 'churn' between 2026-11-29 12:00:00Z and 2026-11-30 12:00:00Z; the newest of its 2 predictions was scored at 2026-11-28 12:00:00Z (widen --window)", error);
        Assert.Equal("no predictions of model 'fraud' between 2026-11-29 12:00:00Z and 2026-11-30 12:00:00Z: none has ever been logged for it", otherModel);
    }

    [Theory]
    [InlineData("1d", 24 * 60)]
    [InlineData("12h", 12 * 60)]
    [InlineData("30m", 30)]
    [InlineData("2w", 14 * 24 * 60)]
    public void Parse_Durations_Minutes(string text, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), MonitoringWindow.Parse(text, "--window").Span);

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("d")]
    [InlineData("0d")]
    [InlineData("-1d")]
    [InlineData("1y")]
    [InlineData("1.5d")]
    public void Parse_NotADuration_PreciseMessage(string text) =>
        Assert.Equal($"--window: '{text}' is not a duration; write a whole number and m, h, d or w (e.g. 1d, 12h)", MonitoringWindow.Parse(text, "--window").Error);
}
