using ChurnOps.Core.Access;

namespace ChurnOps.Server.Access;

/// <summary>The principal of every request while access control is off: the OS user the server runs as, built once.</summary>
internal sealed class LocalPrincipal
{
    public System.Security.Claims.ClaimsPrincipal Principal { get; } = ActorClaims.ToPrincipal(Actor.Local(Environment.UserName));
}
