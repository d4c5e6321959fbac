using System.Text.Json;
using ChurnOps.Core.Alerts;
using ChurnOps.Core.Events;
using ChurnOps.Core.Registry;
using ChurnOps.Core.Retraining;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Quickstart;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Tests.Monitor;

/// <summary>
/// The "done when" on the quickstart project: the quickstart scored three days ago; today `data generate
/// --drift` is ingested, its features built and scored with --log; `monitor run --window 1d` then flags exactly the
/// shifted columns, raises one alert to the owning team (delivered to its webhook after a failed first attempt),
/// starts one retraining that records its triggers and registers a version without an alias; a second run adds nothing.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class MonitorRunEndToEndTests : IDisposable
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _temp = new();
    private readonly FlakyWebhook _webhook = new(failures: 1);

    public void Dispose()
    {
        _webhook.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    [Fact]
    public async Task MonitorRun_DriftedDataScored_FlagsExactlyTheShiftedColumnsRaisesOneAlertAndStartsOneRetraining()
    {
        var project = _temp.Sub("project");
        var (summary, error) = await new QuickstartRunner(new ShiftedClock(TimeSpan.FromDays(3)))
            .RunAsync(new QuickstartOptions(project, 2000, 42, AsOf, "tester"), null, CancellationToken.None);
        Assert.True(summary is not null, error);
        await AddWebhookAsync(project, "mlops-team", _webhook.Url);

        var drifted = _temp.Sub("drifted");
        await RunOkAsync("data", "generate", "--rows", "2000", "--seed", "7", "--as-of", "2026-11-01", "--drift", "--out", drifted);
        await RunOkAsync("ingest", "customers", Path.Combine(drifted, "customers.csv"), "--dir", project);
        await RunOkAsync("features", "build", "--dir", project);
        var rows = _temp.Sub("drifted-features.csv");
        await RunOkAsync("features", "training-set", "--entities", Path.Combine(drifted, "labels.csv"), "--views", "customer_features", "--out", rows, "--dir", project);
        await RunOkAsync("score", "-m", "churn", "-i", rows, "-o", _temp.Sub("scores.csv"), "--log", "--dir", project);

        var output = await RunOkAsync("monitor", "run", "--window", "1d", "--json", "--dir", project);

        using var json = JsonDocument.Parse(output);
        var arm = Assert.Single(json.RootElement.GetProperty("arms").EnumerateArray());
        Assert.Equal(summary.ModelVersion, arm.GetProperty("modelVersion").GetInt32());
        Assert.Equal(2000, arm.GetProperty("predictions").GetInt64());
        var flagged = arm.GetProperty("driftedColumns").EnumerateArray().Select(c => c.GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["age", "monthly_charges", "payment_method", "region"], flagged);

        var alerts = await ListAlertsAsync(project);
        var alert = Assert.Single(alerts);
        Assert.Equal(Alert.DriftDetected, alert.Type);
        Assert.Equal("mlops-team", alert.Team);
        Assert.Equal(AlertStatus.Open, alert.Status);
        Assert.Equal("runbooks/drift.md", alert.Runbook);
        Assert.True(File.Exists(Path.Combine(project, "runbooks", "drift.md")));
        Assert.Contains("\"payment_method\"", alert.EvidenceJson, StringComparison.Ordinal);

        // Delivered to the owning team's webhook: the first POST answered 503, the retry 204, nothing more.
        Assert.Equal([503, 204], _webhook.Requests.Select(r => r.Status));
        using (var delivered = JsonDocument.Parse(_webhook.Requests[1].Body))
        {
            Assert.Equal(alert.Id, delivered.RootElement.GetProperty("id").GetInt64());
            Assert.Equal("drift:churn:v" + summary.ModelVersion, delivered.RootElement.GetProperty("cause").GetString());
            Assert.Equal(4, delivered.RootElement.GetProperty("evidence").GetProperty("drifted_columns").GetArrayLength());
        }

        var retraining = Assert.Single(await ListRetrainingsAsync(project));
        Assert.Equal(RetrainingRun.Succeeded, retraining.Status);
        Assert.Contains(retraining.Triggers, t => t.Kind == "drift" && t.Cause == $"alert:{alert.Id}");
        Assert.Contains(retraining.Triggers, t => t.Kind == "data.customers.updated");
        Assert.NotNull(retraining.TrainingRunId);
        var (aliases, events) = await RegistryAndEventsAsync(project);
        Assert.NotNull(retraining.RegisteredVersion);
        Assert.DoesNotContain(retraining.RegisteredVersion!.Value, aliases.Values);
        Assert.Single(events, e => e.Type == "drift.churn.detected");

        // A second pass over the same window: the alert is still the open one, nothing retrains again.
        var again = await RunOkAsync("monitor", "run", "--window", "1d", "--dir", project);

        Assert.Contains("(already open)", again, StringComparison.Ordinal);
        Assert.Single(await ListAlertsAsync(project));
        Assert.Single(await ListRetrainingsAsync(project));
        Assert.Equal(2, _webhook.Requests.Count);
        Assert.Single((await RegistryAndEventsAsync(project)).Events, e => e.Type == "drift.churn.detected");
    }

    private static async Task<string> RunOkAsync(params string[] args)
    {
        var (code, output, error) = await InProcessCli.RunAsync(args);
        Assert.True(code == 0, $"churnops {string.Join(' ', args)} exited {code}: {error}\n{output}");
        return output;
    }

    private static async Task AddWebhookAsync(string project, string team, Uri url)
    {
        var config = Path.Combine(project, "churnops.yaml");
        var text = await File.ReadAllTextAsync(config);
        var anchor = $"  - name: {team}\n";
        Assert.Contains(anchor, text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(config, text.Replace(anchor, anchor + $"    webhook: \"{url}\"\n", StringComparison.Ordinal));
    }

    private static async Task<T> WithWorkspaceAsync<T>(string project, Func<ChurnOpsWorkspace, Task<T>> read)
    {
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(project, ProjectAccess.ReadOnly, TimeProvider.System, CancellationToken.None);
        Assert.True(workspace is not null, error);
        return await read(workspace);
    }

    private static Task<IReadOnlyList<Alert>> ListAlertsAsync(string project) =>
        WithWorkspaceAsync(project, w => w.Services.GetRequiredService<IAlertLifecycle>().ListAsync(null, null, 100, CancellationToken.None));

    private static Task<IReadOnlyList<RetrainingRun>> ListRetrainingsAsync(string project) =>
        WithWorkspaceAsync(project, w => w.Services.GetRequiredService<IRetrainingStore>().ListAsync("churn", 100, CancellationToken.None));

    private static Task<(IReadOnlyDictionary<string, int> Aliases, IReadOnlyList<DomainEvent> Events)> RegistryAndEventsAsync(string project) =>
        WithWorkspaceAsync(project, async w => (await w.Registry.GetAliasesAsync("churn", CancellationToken.None), await w.Events.ReadAfterAsync(0, 10_000, CancellationToken.None)));
}
