using ChurnOps.Core.Tracking;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChurnOps.Platform.Tests.Generality;

/// <summary>
/// `churnops train --table T --id X`: an id or excluded column that T does not have is refused naming it, before any
/// run is logged (it was silently ignored, so a misspelt id trained as a feature, or a leak stayed in).
/// </summary>
public sealed class TrainingExcludedColumnsTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "churnops-train-exclude-" + Guid.NewGuid().ToString("N"));
    private ChurnOpsWorkspace _workspace = null!;

    public async Task InitializeAsync()
    {
        await ProjectTemplate.WriteAsync(_root, overwrite: false, CancellationToken.None);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(_root, time, CancellationToken.None);
        _workspace = workspace ?? throw new InvalidOperationException(error);
        await WarehouseTables.LoadAsync(_workspace.Warehouse, "staging", "telco", ChurnShapedTables.TelcoShaped(300, seed: 5), _root);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // DuckDB may still hold its file on some platforms; the temp dir is cleaned by the OS.
        }

        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("customer_id")]
    [InlineData("customerid ")]
    public async Task TrainAsync_TableWithoutTheIdColumn_RefusedNamingItAndLogsNoRun(string id)
    {
        var job = new ModelTrainingJob("staging.telco", "churn", "Churn", "telco-exclude", 7, "tester")
        {
            Exclude = [id], Trainers = ["logreg"], SearchTrials = 1, CrossValidationFolds = 2, Register = false,
        };

        var result = await _workspace.Services.GetRequiredService<TrainingUseCase>().TrainAsync(job, null, CancellationToken.None);

        Assert.NotNull(result.Error);
        Assert.StartsWith($"column '{id}' to leave out (--id/--exclude) is not in staging.telco (columns: customerID, ", result.Error, StringComparison.Ordinal);
        var experiments = _workspace.Services.GetRequiredService<IExperimentStore>();
        Assert.Null((await experiments.GetExperimentByNameAsync("telco-exclude", CancellationToken.None)).Value);
    }
}
