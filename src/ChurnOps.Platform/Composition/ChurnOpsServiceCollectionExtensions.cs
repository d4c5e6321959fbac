using ChurnOps.Platform.Access;
using ChurnOps.Platform.Audit;
using ChurnOps.Platform.Contracts;
using ChurnOps.Platform.Features;
using ChurnOps.Platform.Ingestion;
using ChurnOps.Platform.Monitoring;
using ChurnOps.Platform.Pipelines;
using ChurnOps.Platform.Projects;
using ChurnOps.Platform.Serving.Files;
using ChurnOps.Platform.Tracking;
using ChurnOps.Platform.Training;
using ChurnOps.Storage.Embedded;
using ChurnOps.Storage.Team;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChurnOps.Platform.Composition;

/// <summary>
/// The composition root shared by the CLI and the server: the project's settings as validated options, every store
/// interface with its backend, and the use cases on top of them. Today every store is embedded; a team backend
/// (PostgreSQL, Redis, S3) is another registration chosen here by configuration.
/// </summary>
public static class ChurnOpsServiceCollectionExtensions
{
    /// <summary>
    /// Registers ChurnOps from <paramref name="configuration"/> (built by <see cref="ChurnOpsConfiguration.Build"/>:
    /// churnops.yaml plus CHURNOPS__* environment variables). The settings are validated on start: resolve
    /// <see cref="IStartupValidator"/> (a host does) to get every problem at once.
    /// </summary>
    public static IServiceCollection AddChurnOps(this IServiceCollection services, IConfigurationRoot configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(ProjectLayout.For(ChurnOpsConfiguration.ProjectRoot(configuration)));
        var settings = new ProjectConfigOptions(configuration);
        services.AddSingleton<IConfigureOptions<ProjectConfig>>(settings);
        services.AddSingleton<IValidateOptions<ProjectConfig>>(settings);
        services.AddOptions<ProjectConfig>().ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<ProjectConfig>>().Value);

        // storage.metadata (or CHURNOPS__STORAGE__METADATA) naming PostgreSQL puts the ported metadata stores there; the
        // embedded registrations fill in the rest.
        services.AddTeamMetadata(configuration["storage:metadata"]);
        services.AddTeamWarehouse(configuration["storage:warehouse"]);
        services.AddEmbeddedStorage(sp => EmbeddedLocation(sp.GetRequiredService<ProjectLayout>()) with { WarehouseElsewhere = sp.HasTeamWarehouse() });
        services.AddTeamStores(configuration);
        services.AddAuditTrail();

        // Use cases: built from the store interfaces above, never from a backend type.
        services.TryAddSingleton<ContractPublisher>();
        services.TryAddSingleton<FeatureStore>();
        services.TryAddSingleton<IngestionService>();
        services.TryAddSingleton<PredictionWriter>();
        services.TryAddSingleton<FileScorer>();
        services.TryAddSingleton<RunLogger>();
        services.TryAddSingleton<RunQueries>();
        services.TryAddSingleton<TrainingUseCase>();
        services.TryAddSingleton<Registry.ModelLifecycle>();
        services.TryAddSingleton<Deployments.DeploymentService>();
        services.AddPipelines();
        services.TryAddSingleton<Registry.Cards.ModelCardStore>();
        services.TryAddSingleton<Registry.Reproduce.ModelReproducer>();
        services.TryAddSingleton<Registry.Lineage.ModelLineageTracer>();
        services.TryAddSingleton<Ownership.HandoffLedger>();
        services.AddAccess();
        return services;
    }

    /// <summary>
    /// The registrations of <see cref="AddChurnOps(IServiceCollection, IConfigurationRoot)"/> over a project another
    /// container has already opened (the server inside 'churnops serve'): the same settings and the same open stores.
    /// </summary>
    public static IServiceCollection AddChurnOps(this IServiceCollection services, ChurnOpsWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(workspace);
        services.AddSingleton(workspace);
        services.AddSingleton(workspace.Time);
        services.AddSingleton(workspace.Services.GetRequiredService<EmbeddedStorage>());
        if (workspace.Services.GetService<TeamMetadata>() is { } metadata)
        {
            services.AddSingleton(metadata);
        }

        if (workspace.Services.GetService<TeamWarehouse>() is { } warehouse)
        {
            services.AddSingleton(warehouse);
        }

        if (workspace.Services.GetService<Storage.Team.TeamStorage>() is { } team)
        {
            services.AddSingleton(team);
        }

        return services.AddChurnOps(workspace.Configuration);
    }

    private static EmbeddedStorageLocation EmbeddedLocation(ProjectLayout layout) =>
        new(layout.MetadataFile, layout.WarehouseFile, layout.ArtifactsDir, layout.OnlineStoreFile);
}
