namespace ChurnOps.Core.Contracts;

/// <summary>Contract versions and consumer sign-offs.</summary>
public interface IContractStore
{
    /// <summary>Inserts or replaces (id, version).</summary>
    Task SaveAsync(PublishedContract contract, CancellationToken cancellationToken);

    Task<PublishedContract?> GetAsync(string id, string version, CancellationToken cancellationToken);

    /// <summary>The newest published (live) version of a contract.</summary>
    Task<PublishedContract?> LatestPublishedAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every version, newest first; every contract when <paramref name="id"/> is null.</summary>
    Task<IReadOnlyList<PublishedContract>> ListAsync(string? id, CancellationToken cancellationToken);

    Task AddApprovalAsync(string id, string version, string team, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ApprovalsAsync(string id, string version, CancellationToken cancellationToken);
}
