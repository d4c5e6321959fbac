namespace ChurnOps.Core.Features;

/// <summary>Feature view versions, builds with their statistics, and materialization progress.</summary>
public interface IFeatureViewRegistry
{
    /// <summary>Registers every view's version and makes it current; all or nothing.</summary>
    Task RegisterAsync(IReadOnlyList<RegisteredFeatureView> views, CancellationToken cancellationToken);

    Task<RegisteredFeatureView?> GetCurrentAsync(string view, CancellationToken cancellationToken);

    /// <summary>Removes views from the current set; their versions stay, so models trained on them keep their lineage.</summary>
    Task RetireAsync(IReadOnlyList<string> views, CancellationToken cancellationToken);

    Task<IReadOnlyList<RegisteredFeatureView>> ListCurrentAsync(CancellationToken cancellationToken);

    Task<RegisteredFeatureView?> GetVersionAsync(string view, string version, CancellationToken cancellationToken);

    /// <summary>Stores a build and its statistics; returns the build with its id.</summary>
    Task<FeatureBuild> RecordBuildAsync(FeatureBuild build, IReadOnlyList<FeatureStatistics> statistics, CancellationToken cancellationToken);

    Task<FeatureBuild?> GetLastBuildAsync(string view, CancellationToken cancellationToken);

    Task<IReadOnlyList<FeatureStatistics>> GetStatisticsAsync(long buildId, CancellationToken cancellationToken);

    Task<MaterializationState?> GetMaterializationAsync(string view, CancellationToken cancellationToken);

    Task SaveMaterializationAsync(MaterializationState state, CancellationToken cancellationToken);
}
