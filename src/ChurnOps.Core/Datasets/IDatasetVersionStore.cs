namespace ChurnOps.Core.Datasets;

/// <summary>The record of dataset versions (one per accepted load).</summary>
public interface IDatasetVersionStore
{
    /// <summary>Records a version; false when the same (table, version) is already recorded (idempotent).</summary>
    Task<bool> AddAsync(DatasetVersion version, CancellationToken cancellationToken);

    Task<DatasetVersion?> GetAsync(string table, string version, CancellationToken cancellationToken);

    /// <summary>Newest first; every table when <paramref name="table"/> is null.</summary>
    Task<IReadOnlyList<DatasetVersion>> ListAsync(string? table, int max, CancellationToken cancellationToken);
}
