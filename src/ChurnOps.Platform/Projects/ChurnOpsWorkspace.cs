using ChurnOps.Core.Artifacts;
using ChurnOps.Core.Events;
using ChurnOps.Core.Registry;
using ChurnOps.Core.Warehouse;
using ChurnOps.Platform.Composition;
using ChurnOps.Storage.Embedded;
using ChurnOps.Storage.Metadata;
using ChurnOps.Storage.Warehouse;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChurnOps.Platform.Projects;

/// <summary>
/// An opened project: the service provider <see cref="ChurnOpsServiceCollectionExtensions.AddChurnOps(IServiceCollection, IConfigurationRoot)"/>
/// built over its settings, with the stores open. The properties are a thin façade over <see cref="Services"/> for the
/// use cases that still take the workspace; new code resolves what it needs from <see cref="Services"/>.
/// </summary>
public sealed class ChurnOpsWorkspace
{
    private readonly EmbeddedStorage _storage;

    private ChurnOpsWorkspace(IServiceProvider services, IConfigurationRoot configuration)
    {
        Services = services;
        Configuration = configuration;
        _storage = services.GetRequiredService<EmbeddedStorage>();
        Layout = services.GetRequiredService<ProjectLayout>();
        Config = services.GetRequiredService<ProjectConfig>();
        Time = services.GetRequiredService<TimeProvider>();
        Warehouse = services.GetRequiredService<IWarehouse>();
        Artifacts = services.GetRequiredService<IArtifactStore>();
        Events = services.GetRequiredService<IEventLog>();
        Registry = services.GetRequiredService<IModelRegistry>();
    }

    /// <summary>The container of this project's stores and use cases.</summary>
    public IServiceProvider Services { get; }

    /// <summary>churnops.yaml merged with the CHURNOPS__* environment, as the container was built from it.</summary>
    public IConfigurationRoot Configuration { get; }

    public ProjectLayout Layout { get; }

    public ProjectConfig Config { get; }

    public IWarehouse Warehouse { get; }

    public IArtifactStore Artifacts { get; }

    public IEventLog Events { get; }

    public IModelRegistry Registry { get; }

    public TimeProvider Time { get; }

    /// <summary>The embedded metadata database, for code not yet behind a store interface.</summary>
    public SqliteMetadataDatabase Metadata => _storage.Metadata;

    /// <summary>The embedded warehouse, for code not yet behind a store interface.</summary>
    public DuckDbWarehouse DuckDb => _storage.Warehouse;

    /// <summary>
    /// Opens (creating stores on first use) the project at <paramref name="root"/>: settings from churnops.yaml and the
    /// CHURNOPS__* environment, validated at once. The error lists every problem, one per line.
    /// </summary>
    public static async Task<(ChurnOpsWorkspace? Workspace, string? Error)> OpenAsync(string root, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var configuration = ChurnOpsConfiguration.Build(root);
        var services = new ServiceCollection().AddSingleton(time).AddChurnOps(configuration).BuildServiceProvider();
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException ex)
        {
            return (null, string.Join('\n', ex.Failures));
        }

        var error = await services.GetRequiredService<EmbeddedStorage>().OpenAsync(cancellationToken).ConfigureAwait(false);
        return error is null ? (new ChurnOpsWorkspace(services, configuration), null) : (null, error);
    }
}
