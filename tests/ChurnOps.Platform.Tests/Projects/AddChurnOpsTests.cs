using ChurnOps.Core.Alerts;
using ChurnOps.Core.Artifacts;
using ChurnOps.Core.Contracts;
using ChurnOps.Core.Data;
using ChurnOps.Core.Datasets;
using ChurnOps.Core.Events;
using ChurnOps.Core.Features;
using ChurnOps.Core.Registry;
using ChurnOps.Core.Tracking;
using ChurnOps.Core.Warehouse;
using ChurnOps.Platform.Composition;
using ChurnOps.Platform.Contracts;
using ChurnOps.Platform.Features;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Tracking;
using ChurnOps.Platform.Training;
using ChurnOps.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChurnOps.Platform.Tests.Projects;

/// <summary>The composition root: every store interface and use case resolves over a real project; bad settings stop the start.</summary>
public sealed class AddChurnOpsTests
{
    public static TheoryData<Type> Services() =>
    [
        typeof(IContractStore), typeof(IDatasetVersionStore), typeof(IAlertStore), typeof(IEventLog), typeof(IModelRegistry),
        typeof(IFeatureViewRegistry), typeof(IExperimentStore), typeof(IRunStore), typeof(ILoggedModelStore), typeof(IWarehouse),
        typeof(IReadOnlyQueries), typeof(IArtifactStore), typeof(IOnlineStoreSource), typeof(IPointInTimeJoinDialect),
        typeof(IWarehouseTransactions), typeof(IWarehouseAppender), typeof(IParquetConverter), typeof(IRawFileScan), typeof(IQueryFileExport),
        typeof(ContractPublisher), typeof(FeatureStore), typeof(RunLogger), typeof(RunQueries), typeof(TrainingUseCase), typeof(ProjectConfig), typeof(ProjectLayout), typeof(TimeProvider),
        typeof(ChurnOps.Core.Audit.IAuditLog), typeof(ChurnOps.Platform.Audit.AuditTrail), typeof(ChurnOps.Platform.Ownership.HandoffLedger), typeof(IAlertLifecycle),
    ];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task OpenAsync_EveryStoreInterfaceAndUseCase_Resolves(Type service)
    {
        await using var project = await TestProject.CreateAsync();

        Assert.NotNull(project.Workspace.Services.GetService(service));
    }

    [Fact]
    public async Task AddChurnOps_BadSetting_StartupValidatorThrowsWithEveryProblem()
    {
        using var temp = new TempDirectory();
        await ProjectTemplate.WriteAsync(temp.Path, false, CancellationToken.None);
        var configuration = ChurnOpsConfiguration.Build(temp.Path, new Dictionary<string, string?> { ["CHURNOPS__SERVING__PORT"] = "x", ["CHURNOPS__MODEL__SEED"] = "y" });
        await using var services = new ServiceCollection().AddChurnOps(configuration).BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(2, failure.Failures.Count());
    }

    [Fact]
    public async Task OpenAsync_BadSettings_ErrorHasOneLinePerProblem()
    {
        using var temp = new TempDirectory();
        await ProjectTemplate.WriteAsync(temp.Path, false, CancellationToken.None);
        var file = Path.Combine(temp.Path, "churnops.yaml");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("port: 5080", "port: high", StringComparison.Ordinal).Replace("seed: 42", "seed: none", StringComparison.Ordinal));

        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(temp.Path, TimeProvider.System, CancellationToken.None);

        Assert.Null(workspace);
        Assert.Equal([$"{file}:12: model.seed: 'none' is not a whole number", $"{file}:36: serving.port: 'high' is not a whole number"], error!.Split('\n'));
        Assert.False(File.Exists(Path.Combine(temp.Path, ".churnops", "warehouse.duckdb")));
    }
}
