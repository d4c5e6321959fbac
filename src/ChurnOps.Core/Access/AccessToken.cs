namespace ChurnOps.Core.Access;

/// <summary>
/// An API token as stored: never the secret, only its SHA-256 (<see cref="SecretHash"/>). It acts for one team, within
/// its scopes (`read`, `write` or activity names), until it expires or is revoked.
/// </summary>
public sealed record AccessToken(
    string Id,
    string Name,
    string Team,
    IReadOnlyList<string> Scopes,
    string SecretHash,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt)
{
    public bool IsActive(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;
}
