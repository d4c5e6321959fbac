namespace ChurnOps.Core.Audit;

/// <summary>
/// The append-only audit log in the metadata database. Appends are serialized so that concurrent writers (the CLI next
/// to a server, several replicas) extend one chain and never fork it.
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends <paramref name="record"/> at the end of the chain and returns it with its id and hashes.</summary>
    Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken);

    /// <summary>Entries matching <paramref name="query"/>, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Every entry in chain order (oldest first), streamed.</summary>
    IAsyncEnumerable<AuditEntry> ReadChainAsync(CancellationToken cancellationToken);

    /// <summary>Where the log last said the chain ends.</summary>
    Task<AuditHead> HeadAsync(CancellationToken cancellationToken);
}
