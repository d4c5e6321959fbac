namespace ChurnOps.Core.Audit;

/// <summary>
/// The chain's end as the log last wrote it: the id and hash of the newest entry. Kept apart from the entries so that
/// cutting entries off the end is as visible as deleting one in the middle.
/// </summary>
public sealed record AuditHead(long LastId, string LastHash);
