namespace ChurnOps.Core.Registry;

/// <summary>Registered models, their immutable versions, and the aliases (champion, challenger) that move between them.</summary>
public interface IModelRegistry
{
    Task<ModelVersion> RegisterAsync(NewModelVersion version, CancellationToken cancellationToken);

    Task<ModelVersion?> GetAsync(string modelName, int version, CancellationToken cancellationToken);

    Task<ModelVersion?> GetByAliasAsync(string modelName, string alias, CancellationToken cancellationToken);

    Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string modelName, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, int>> GetAliasesAsync(string modelName, CancellationToken cancellationToken);

    /// <summary>Points an alias at a version; false when the version does not exist.</summary>
    Task<bool> SetAliasAsync(string modelName, string alias, int version, CancellationToken cancellationToken);
}
