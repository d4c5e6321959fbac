using System.Globalization;
using ChurnOps.Core.Deployments;
using ChurnOps.Platform.Deployments;
using ChurnOps.Platform.Ingestion;
using ChurnOps.Platform.Monitoring;
using ChurnOps.Platform.Monitoring.Labels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChurnOps.Platform.Tests.Deployments;

/// <summary>
/// The canary's precision and recall come from the candidate's own logged predictions joined to arrived labels (real
/// DuckDB file, labels ingested as `churnops ingest labels` does); too few labels stay "no labels yet".
/// </summary>
public sealed class CanaryLabelsTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReadAsync_CandidatePredictionsWithLabels_PrecisionAndRecallOfTheCandidateOnly()
    {
        await using var project = await TestProject.CreateAsync(new FakeTimeProvider(Now));
        var scored = Now.AddHours(-2);
        // Candidate v2: 40 customers; the first 20 scored 0.9, the rest 0.1. Labels: customers 0-14 and 20-24 churned.
        // TP 15 (0-14), FP 5 (15-19), FN 5 (20-24): precision 15/20, recall 15/20.
        var candidate = Enumerable.Range(0, 40).Select(i => ($"K{i}", i < 20 ? 0.9 : 0.1, scored, 2)).ToArray();
        // The stable arm (v1) predicts everyone wrong; it must not leak into the candidate's figures.
        var stable = Enumerable.Range(0, 40).Select(i => ($"K{i}", i < 20 ? 0.1 : 0.9, scored, 1)).ToArray();
        await LogPredictionsAsync(project, [.. candidate, .. stable]);
        await IngestLabelsAsync(project, Enumerable.Range(0, 40).Select(i => ($"K{i}", Now.AddHours(-1), i < 15 || i is >= 20 and < 25 ? 1 : 0)).ToArray());
        var labels = new CanaryLabels(new RealisedPerformanceReader(project.Workspace.Warehouse, project.Workspace.Config), project.Workspace.Config, new FakeTimeProvider(Now));

        var figures = await labels.ReadAsync(Deployment(Now.AddHours(-3)), Ct);
        var tooEarly = await labels.ReadAsync(Deployment(Now.AddMinutes(-30)), Ct);

        Assert.NotNull(figures);
        Assert.Equal(40, figures.Labelled);
        Assert.Equal(15.0 / 20.0, figures.Precision, 15);
        Assert.Equal(15.0 / 20.0, figures.Recall, 15);
        Assert.Null(tooEarly);
    }

    [Fact]
    public async Task ReadAsync_FewerLabelsThanTheFloor_NoFiguresSoTheChecksStaySkipped()
    {
        await using var project = await TestProject.CreateAsync(new FakeTimeProvider(Now));
        var scored = Now.AddHours(-2);
        await LogPredictionsAsync(project, [.. Enumerable.Range(0, CanaryLabels.MinLabelled - 1).Select(i => ($"K{i}", 0.9, scored, 2))]);
        await IngestLabelsAsync(project, Enumerable.Range(0, CanaryLabels.MinLabelled - 1).Select(i => ($"K{i}", Now.AddHours(-1), 1)).ToArray());
        var labels = new CanaryLabels(new RealisedPerformanceReader(project.Workspace.Warehouse, project.Workspace.Config), project.Workspace.Config, new FakeTimeProvider(Now));

        Assert.Null(await labels.ReadAsync(Deployment(Now.AddHours(-3)), Ct));
    }

    private static Deployment Deployment(DateTimeOffset createdAt) =>
        new(1, "churn", "champion", 1, 2, [10, 100], 0, 10, TimeSpan.FromMinutes(5), false, DeploymentStatus.Active, "bob", createdAt, createdAt, null);

    private static string At(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static async Task LogPredictionsAsync(TestProject project, (string Customer, double Probability, DateTimeOffset At, int Version)[] rows)
    {
        await PredictionTable.EnsureAsync(project.Workspace.Warehouse, Ct);
        var values = rows.Select((r, i) => string.Create(CultureInfo.InvariantCulture,
            $"('p{i}', 'churn', {r.Version}, '{r.Customer}', {r.Probability:R}, {(r.Probability >= 0.5 ? "true" : "false")}, 'online', TIMESTAMP '{At(r.At)}', NULL, 1, '{(r.Version == 2 ? "candidate" : "stable")}')"));
        await project.Workspace.Warehouse.ExecuteAsync("INSERT INTO monitoring.predictions VALUES " + string.Join(", ", values), Ct);
    }

    private static async Task IngestLabelsAsync(TestProject project, (string Customer, DateTimeOffset At, int Churned)[] labels)
    {
        var file = project.WriteFile("labels.csv", "customer_id,event_timestamp,churned\n" + string.Concat(labels.Select(l => $"{l.Customer},{At(l.At)},{l.Churned}\n")));
        var result = await project.Workspace.Services.GetRequiredService<IngestionService>().IngestAsync(new IngestRequest("labels", [file], null), Ct);
        Assert.True(result.Succeeded, result.Error);
    }
}
