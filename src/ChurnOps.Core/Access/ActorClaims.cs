using System.Security.Claims;

namespace ChurnOps.Core.Access;

/// <summary>
/// How an authenticated HTTP caller's <see cref="Actor"/> travels on a <see cref="ClaimsPrincipal"/>: the name in
/// <see cref="ClaimTypes.Name"/>, the team and authentication method in the claims below.
/// </summary>
public static class ActorClaims
{
    public const string Team = "churnops:team";

    public const string Authentication = "churnops:auth";

    /// <summary>The actor a principal stands for; null when the request is not authenticated.</summary>
    public static Actor? FromPrincipal(ClaimsPrincipal? principal)
    {
        if (principal?.Identity is not { IsAuthenticated: true } identity || string.IsNullOrEmpty(identity.Name))
        {
            return null;
        }

        return new Actor(identity.Name, principal.FindFirst(Team)?.Value, principal.FindFirst(Authentication)?.Value ?? identity.AuthenticationType ?? "unknown");
    }

    /// <summary>
    /// The actor a principal stands for when credentials established it (token, JWT, basic auth); null for the
    /// zero-config local user, who may name the actor itself (as the CLI's --as does), and for anonymous requests.
    /// </summary>
    public static Actor? ProvenFromPrincipal(ClaimsPrincipal? principal) =>
        FromPrincipal(principal) is { Authentication: not "local" } actor ? actor : null;

    /// <summary>A principal carrying <paramref name="actor"/>, as the server's authentication handlers produce it.</summary>
    public static ClaimsPrincipal ToPrincipal(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var claims = new List<Claim> { new(ClaimTypes.Name, actor.Name), new(Authentication, actor.Authentication) };
        if (actor.Team is not null)
        {
            claims.Add(new Claim(Team, actor.Team));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, actor.Authentication, ClaimTypes.Name, ClaimTypes.Role));
    }
}
