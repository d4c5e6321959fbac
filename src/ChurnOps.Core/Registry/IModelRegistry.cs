namespace ChurnOps.Core.Registry;

/// <summary>
/// Registered models, their immutable versions, and the aliases (champion, challenger) that move between them.
/// The store keeps the records; the rules (approval before the serving alias, reserved alias names) live in the
/// platform's registry use cases.
/// </summary>
public interface IModelRegistry
{
    /// <summary>Registers the next version (creating the model if needed); numbers are never reused, even after deletes.</summary>
    Task<ModelVersion> RegisterAsync(NewModelVersion version, CancellationToken cancellationToken);

    Task<ModelVersion?> GetAsync(string modelName, int version, CancellationToken cancellationToken);

    Task<ModelVersion?> GetByAliasAsync(string modelName, string alias, CancellationToken cancellationToken);

    Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string modelName, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, int>> GetAliasesAsync(string modelName, CancellationToken cancellationToken);

    /// <summary>Points an alias at a version; false when the version does not exist.</summary>
    Task<bool> SetAliasAsync(string modelName, string alias, int version, CancellationToken cancellationToken);

    /// <summary>
    /// Points an alias at a version whose status is <paramref name="requiredStatus"/> (when given), checked and written
    /// in one transaction; PermissionDenied when the status differs, ResourceDoesNotExist when the version does not exist.
    /// </summary>
    Task<RegistryResult<ModelVersion>> SetAliasAsync(string modelName, string alias, int version, ModelVersionStatus? requiredStatus, CancellationToken cancellationToken);

    /// <summary>Removes an alias; false when the model has no such alias.</summary>
    Task<bool> DeleteAliasAsync(string modelName, string alias, CancellationToken cancellationToken);

    Task<RegistryResult<RegisteredModel>> CreateModelAsync(NewRegisteredModel model, CancellationToken cancellationToken);

    Task<RegisteredModel?> GetModelAsync(string modelName, CancellationToken cancellationToken);

    Task<RegistryPage<RegisteredModel>> SearchModelsAsync(RegistryQuery query, CancellationToken cancellationToken);

    Task<RegistryPage<ModelVersion>> SearchVersionsAsync(RegistryQuery query, CancellationToken cancellationToken);

    /// <summary>Renames a model with its versions, aliases, tags and approvals.</summary>
    Task<RegistryResult<RegisteredModel>> RenameModelAsync(string modelName, string newName, CancellationToken cancellationToken);

    Task<RegistryResult<RegisteredModel>> UpdateModelAsync(string modelName, string? description, CancellationToken cancellationToken);

    Task<RegistryResult<RegisteredModel>> SetModelTagAsync(string modelName, string key, string value, CancellationToken cancellationToken);

    Task<RegistryResult<RegisteredModel>> DeleteModelTagAsync(string modelName, string key, CancellationToken cancellationToken);

    /// <summary>Deletes a model and everything under it; its version numbers stay used.</summary>
    Task<RegistryResult<bool>> DeleteModelAsync(string modelName, CancellationToken cancellationToken);

    Task<RegistryResult<ModelVersion>> UpdateVersionAsync(string modelName, int version, string? description, CancellationToken cancellationToken);

    Task<RegistryResult<ModelVersion>> SetVersionTagAsync(string modelName, int version, string key, string value, CancellationToken cancellationToken);

    Task<RegistryResult<ModelVersion>> DeleteVersionTagAsync(string modelName, int version, string key, CancellationToken cancellationToken);

    /// <summary>Moves a version to a stage; with <paramref name="archiveExisting"/> the others in that stage go to Archived.</summary>
    Task<RegistryResult<ModelVersion>> TransitionStageAsync(string modelName, int version, ModelStage stage, bool archiveExisting, CancellationToken cancellationToken);

    /// <summary>Deletes a version and the aliases pointing at it; its number is never given out again.</summary>
    Task<RegistryResult<bool>> DeleteVersionAsync(string modelName, int version, CancellationToken cancellationToken);

    /// <summary>Records a sign-off or rejection and sets the version's status to match, atomically.</summary>
    Task<RegistryResult<ModelVersion>> RecordApprovalAsync(ModelApproval approval, CancellationToken cancellationToken);

    /// <summary>Every decision on a version, oldest first.</summary>
    Task<IReadOnlyList<ModelApproval>> GetApprovalsAsync(string modelName, int version, CancellationToken cancellationToken);
}
