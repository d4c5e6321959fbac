using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text;
using ChurnOps.Core.Access;
using ChurnOps.Platform.Access;

namespace ChurnOps.Server.Access;

/// <summary>
/// Authenticates every request and authorizes every write. While the project has no access control (no token issued,
/// no access.jwt, access.required off) each request is the local user with full rights, as before. Once it has, a
/// request needs a token (bearer, or as the basic-auth password as MLflow clients send MLFLOW_TRACKING_PASSWORD) or a
/// JWT, else 401; a write needs the caller's team in the RACI line of its activity (and the token's scope), else 403
/// naming the permission. Reads cost a cached token lookup and no database round trip.
/// </summary>
internal sealed class AccessMiddleware(RequestDelegate next, AccessGate gate, AccessTokens tokens, EndpointActivities endpoints, LocalPrincipal local, JwtSetup jwtSetup)
{
    private readonly ConditionalWeakTable<AccessToken, Tuple<Actor, ClaimsPrincipal>> _principals = [];

    public async Task InvokeAsync(HttpContext context)
    {
        var rule = endpoints.RuleFor(context.GetEndpoint());
        if (rule.Kind == EndpointRuleKind.Open || !await gate.IsOnAsync(context.RequestAborted).ConfigureAwait(false))
        {
            // A principal the host authenticated before us (an embedding app's own scheme) is kept; it gains nothing here,
            // since without access control every caller already has the local user's full rights.
            if (context.User.Identity?.IsAuthenticated != true)
            {
                context.User = local.Principal;
            }

            await next(context).ConfigureAwait(false);
            return;
        }

        var (actor, principal, scopes, refusal) = await AuthenticateAsync(context).ConfigureAwait(false);
        if (actor is null || principal is null)
        {
            await AccessRefusal.UnauthenticatedAsync(context, refusal!).ConfigureAwait(false);
            return;
        }

        context.User = principal;
        if (rule.Kind == EndpointRuleKind.Unclassified)
        {
            await AccessRefusal.ForbiddenAsync(context, $"permission denied: {context.Request.Method} {context.Request.Path} is not assigned an activity of the RACI", "unclassified").ConfigureAwait(false);
            return;
        }

        if (rule.Kind == EndpointRuleKind.Mutation)
        {
            var activity = await rule.ActivityAsync(context).ConfigureAwait(false);
            if (gate.Policy.Denial(actor, activity, scopes) is { } denial)
            {
                await AccessRefusal.ForbiddenAsync(context, denial, activity).ConfigureAwait(false);
                return;
            }
        }

        await next(context).ConfigureAwait(false);
    }

    private async ValueTask<(Actor? Actor, ClaimsPrincipal? Principal, IReadOnlyList<string>? Scopes, string? Refusal)> AuthenticateAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return (null, null, null, "authentication required: send Authorization: Bearer <token> (churnops tokens create), or the token as the basic-auth password (MLFLOW_TRACKING_PASSWORD)");
        }

        string? basic = null;
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            basic = BasicPassword(header.AsSpan(6).Trim());
            if (basic is null)
            {
                return (null, null, null, "malformed basic credentials: expected base64 of user:token");
            }
        }
        else if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, null, "unsupported Authorization scheme: use Bearer or Basic");
        }

        // The bearer secret stays a slice of the header: a cached token costs no allocation.
        var secret = basic is null ? header.AsSpan(7).Trim() : basic.AsSpan();
        if (secret.Length == 0)
        {
            return (null, null, null, "empty credentials");
        }

        if (JwtValidator.LooksLikeJwt(secret))
        {
            if (jwtSetup.Validator is not { } jwt)
            {
                return (null, null, null, "JWT bearer tokens are not accepted: access.jwt is not configured");
            }

            var (fromJwt, jwtRefusal) = await jwt.ValidateAsync(secret.ToString()).ConfigureAwait(false);
            return (fromJwt, fromJwt is null ? null : ActorClaims.ToPrincipal(fromJwt), null, jwtRefusal);
        }

        var check = tokens.TryAuthenticateCached(secret, out var cached)
            ? cached
            : await tokens.AuthenticateAsync(secret.ToString(), context.RequestAborted).ConfigureAwait(false);
        if (check.Token is not { } token)
        {
            return (null, null, null, check.Refusal);
        }

        // One principal per cached token object (rebuilt when the lookup is refreshed), not one per request.
        var (actor, principal) = _principals.GetValue(token, t =>
        {
            var actor = new Actor(t.Name, t.Team, "token");
            return Tuple.Create(actor, ActorClaims.ToPrincipal(actor));
        });
        return (actor, principal, token.Scopes, null);
    }

    private static string? BasicPassword(ReadOnlySpan<char> encoded)
    {
        Span<byte> bytes = stackalloc byte[Math.Min(encoded.Length, 4096)];
        if (encoded.Length > 4096 || !Convert.TryFromBase64Chars(encoded, bytes, out var written))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(bytes[..written]);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : text[(colon + 1)..];
    }
}
