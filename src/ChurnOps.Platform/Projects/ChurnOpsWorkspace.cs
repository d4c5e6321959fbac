using ChurnOps.Core.Alerts;
using ChurnOps.Core.Artifacts;
using ChurnOps.Core.Datasets;
using ChurnOps.Core.Events;
using ChurnOps.Core.Registry;
using ChurnOps.Core.Warehouse;
using ChurnOps.Platform.Composition;
using ChurnOps.Storage.Embedded;
using ChurnOps.Storage.Team;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChurnOps.Platform.Projects;

/// <summary>
/// An opened project: the service provider <see cref="ChurnOpsServiceCollectionExtensions.AddChurnOps(IServiceCollection, IConfigurationRoot)"/>
/// built over its settings, with the stores open. This is the one way to open a project (CLI, server, quickstart);
/// <see cref="ProjectAccess"/> says whether the warehouse is opened for writing. The properties are a thin façade over
/// <see cref="Services"/> for the code that still takes the workspace; new code resolves what it needs from there.
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
        DatasetVersions = services.GetRequiredService<IDatasetVersionStore>();
        Alerts = services.GetRequiredService<IAlertStore>();
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

    public IDatasetVersionStore DatasetVersions { get; }

    public IAlertStore Alerts { get; }

    /// <summary>Whether the warehouse was opened for writing (<see cref="ProjectAccess.ReadWrite"/>).</summary>
    public bool WarehouseWritable => !_storage.WarehouseReadOnly;

    /// <summary>
    /// Holds the warehouse's writer lock until disposed and records <paramref name="command"/> as its holder, so a second
    /// process is told who to wait for. A conflict is a <see cref="WarehouseInUseException"/>.
    /// </summary>
    public Task<IAsyncDisposable> HoldWarehouseAsync(string command, CancellationToken cancellationToken) => _storage.HoldWarehouseAsync(command, Time, cancellationToken);

    /// <summary>Keeps the warehouse open (and so this process's lock on it) until disposed, without recording an owner.</summary>
    public Task<IAsyncDisposable> KeepWarehouseOpenAsync(CancellationToken cancellationToken) => _storage.KeepWarehouseOpenAsync(cancellationToken);

    /// <summary>Rewrites the warehouse file without the space that dropped tables or an aborted load left behind.</summary>
    public Task<(long Before, long After)> CompactWarehouseAsync(CancellationToken cancellationToken) => _storage.CompactWarehouseAsync(cancellationToken);

    /// <summary>Opens the project for reading and writing (see <see cref="OpenAsync(string, ProjectAccess, TimeProvider, CancellationToken)"/>).</summary>
    public static Task<(ChurnOpsWorkspace? Workspace, string? Error)> OpenAsync(string root, TimeProvider time, CancellationToken cancellationToken) =>
        OpenAsync(root, ProjectAccess.ReadWrite, time, cancellationToken);

    /// <summary>
    /// Opens (creating stores on first use) the project at <paramref name="root"/>: settings from churnops.yaml and the
    /// CHURNOPS__* environment, validated at once. The error lists every problem, one per line.
    /// </summary>
    public static async Task<(ChurnOpsWorkspace? Workspace, string? Error)> OpenAsync(string root, ProjectAccess access, TimeProvider time, CancellationToken cancellationToken)
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

        var error = await services.GetRequiredService<EmbeddedStorage>().OpenAsync(access == ProjectAccess.ReadOnly, cancellationToken).ConfigureAwait(false);
        foreach (var startup in services.GetServices<IStorageStartup>())
        {
            error ??= await startup.OpenAsync(cancellationToken).ConfigureAwait(false);
        }

        return error is null ? (new ChurnOpsWorkspace(services, configuration), null) : (null, error);
    }
}
