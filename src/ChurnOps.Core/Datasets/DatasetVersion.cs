namespace ChurnOps.Core.Datasets;

/// <summary>
/// One accepted load of a table: identified by the content hash of its source files, with the counts that add up
/// (read = accepted + quarantined) and the contract it was validated against. Training runs record this as lineage.
/// </summary>
public sealed record DatasetVersion(
    string Table,
    string Version,
    string? ContractId,
    string? ContractVersion,
    IReadOnlyList<string> Files,
    long RowsRead,
    long RowsAccepted,
    long RowsQuarantined,
    DateTimeOffset CreatedAt);
