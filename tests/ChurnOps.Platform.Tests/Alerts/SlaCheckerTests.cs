using ChurnOps.Core.Alerts;
using ChurnOps.Platform.Alerts;
using ChurnOps.Platform.Contracts;
using ChurnOps.Platform.Ingestion;
using ChurnOps.Storage.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChurnOps.Platform.Tests.Alerts;

public sealed class SlaCheckerTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private sealed class RecordingSink : IAlertSink
    {
        public List<Alert> Delivered { get; } = [];

        public string Name => "recording";

        public Task<string?> DeliverAsync(Alert alert, CancellationToken cancellationToken)
        {
            Delivered.Add(alert);
            return Task.FromResult<string?>(null);
        }
    }

    private static async Task<(TestProject Project, FakeTimeProvider Time)> LoadedAsync(DateTimeOffset now, params string[] rows)
    {
        var time = new FakeTimeProvider(now);
        var project = await TestProject.CreateAsync(time);
        var file = project.WriteFile("c.csv", TestProject.CustomersCsv(rows));
        var result = await project.Workspace.Services.GetRequiredService<IngestionService>().IngestAsync(new IngestRequest("customers", [file], null), Ct);
        Assert.True(result.Succeeded, result.Error);
        return (project, time);
    }

    [Fact]
    public async Task CheckAsync_StaleData_RaisesDataSlaViolationForTheProducerTeam()
    {
        var (project, _) = await LoadedAsync(new DateTimeOffset(2024, 6, 3, 10, 0, 0, TimeSpan.Zero), TestProject.Customer(1, updatedAt: "2024-06-01 10:00:00"));
        await using var _p = project;
        var sink = new RecordingSink();

        var report = await ActivatorUtilities.CreateInstance<SlaChecker>(project.Workspace.Services, sink).CheckAsync([Path.Combine(project.Root, "contracts", "customers.yaml")], Ct);

        var freshness = Assert.Single(report.Measurements, m => m.Property == "freshness");
        Assert.False(freshness.Met);
        Assert.StartsWith("48 h", freshness.Measured, StringComparison.Ordinal);
        var alert = Assert.Single(report.Alerts);
        Assert.Equal((Alert.DataSlaViolation, "freshness", "24 h", "data-engineering"), (alert.Type, alert.Rule, alert.Threshold, alert.Team));
        Assert.Contains("customers", alert.Subject, StringComparison.Ordinal);
        Assert.Equal(alert.Id, Assert.Single(sink.Delivered).Id);
        Assert.Single(await project.Workspace.Alerts.ListAsync(Alert.DataSlaViolation, 10, Ct));
    }

    [Fact]
    public async Task CheckAsync_FreshAndComplete_RaisesNothing()
    {
        var (project, _) = await LoadedAsync(new DateTimeOffset(2024, 6, 1, 20, 0, 0, TimeSpan.Zero), TestProject.Customer(1), TestProject.Customer(2));
        await using var _p = project;

        var report = await ActivatorUtilities.CreateInstance<SlaChecker>(project.Workspace.Services, new RecordingSink()).CheckAsync([Path.Combine(project.Root, "contracts", "customers.yaml")], Ct);

        Assert.True(report.AllMet, string.Join("; ", report.Measurements.Select(m => m.Message)));
        Assert.Equal(2, report.Measurements.Count);
        Assert.Empty(report.Alerts);
    }

    [Fact]
    public async Task CheckAsync_TooManyQuarantinedRows_ViolatesCompleteness()
    {
        var (project, _) = await LoadedAsync(new DateTimeOffset(2024, 6, 1, 20, 0, 0, TimeSpan.Zero), TestProject.Customer(1), TestProject.Customer(2, age: "5"));
        await using var _p = project;

        var report = await ActivatorUtilities.CreateInstance<SlaChecker>(project.Workspace.Services, new LogAlertSink(NullLogger<LogAlertSink>.Instance)).CheckAsync([Path.Combine(project.Root, "contracts", "customers.yaml")], Ct);

        var completeness = Assert.Single(report.Measurements, m => m.Property == "completeness");
        Assert.False(completeness.Met);
        Assert.StartsWith("50 %", completeness.Measured, StringComparison.Ordinal);
        Assert.Equal("completeness", Assert.Single(report.Alerts).Rule);
    }

    [Fact]
    public async Task CheckAsync_NoDataLoaded_ViolatesFreshness()
    {
        await using var project = await TestProject.CreateAsync();

        var report = await ActivatorUtilities.CreateInstance<SlaChecker>(project.Workspace.Services, new RecordingSink()).CheckAsync([Path.Combine(project.Root, "contracts", "events.yaml")], Ct);

        var miss = Assert.Single(report.Measurements);
        Assert.Equal(("no data", false), (miss.Measured, miss.Met));
    }
}
