namespace ChurnOps.Core.Access;

/// <summary>The project's API tokens (metadata store, area "access").</summary>
public interface IAccessTokenStore
{
    Task AddAsync(AccessToken token, CancellationToken cancellationToken);

    /// <summary>The token whose secret hashes to <paramref name="secretHash"/>, revoked or expired ones included; null when none.</summary>
    Task<AccessToken?> FindByHashAsync(string secretHash, CancellationToken cancellationToken);

    /// <summary>Every token, newest first.</summary>
    Task<IReadOnlyList<AccessToken>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Marks the token revoked at <paramref name="at"/>; false when no such token exists or it was revoked already.</summary>
    Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Whether any token was ever created: the project then has access control on.</summary>
    Task<bool> AnyAsync(CancellationToken cancellationToken);
}
