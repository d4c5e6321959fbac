using ChurnOps.Core.Access;

namespace ChurnOps.Platform.Access;

/// <summary>The outcome of presenting a token secret: the active token, or why it is refused (unknown, expired, revoked).</summary>
public readonly record struct TokenCheck(AccessToken? Token, string? Refusal)
{
    public Actor? Actor => Token is { } token ? new Actor(token.Name, token.Team, "token") : null;
}
