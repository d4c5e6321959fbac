namespace ChurnOps.Core.Audit;

/// <summary>
/// A stored audit record: its place in the chain (ids are 1, 2, 3… without gaps), the hash of the entry before it and
/// its own hash, SHA-256 of the previous hash and this entry's canonical bytes (<see cref="AuditChain"/>).
/// </summary>
public sealed record AuditEntry(long Id, AuditRecord Record, string PreviousHash, string Hash);
