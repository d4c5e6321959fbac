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
    public async Task InvokeAsync(HttpContext context)
    {
        var rule = endpoints.RuleFor(context.GetEndpoint());
        if (rule.Kind == EndpointRuleKind.Open || !await gate.IsOnAsync(context.RequestAborted).ConfigureAwait(false))
        {
            context.User = local.Principal;
            await next(context).ConfigureAwait(false);
            return;
        }

        var (actor, scopes, refusal) = await AuthenticateAsync(context).ConfigureAwait(false);
        if (actor is null)
        {
            await AccessRefusal.UnauthenticatedAsync(context, refusal!).ConfigureAwait(false);
            return;
        }

        context.User = ActorClaims.ToPrincipal(actor);
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

    private async ValueTask<(Actor? Actor, IReadOnlyList<string>? Scopes, string? Refusal)> AuthenticateAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return (null, null, "authentication required: send Authorization: Bearer <token> (churnops tokens create), or the token as the basic-auth password (MLFLOW_TRACKING_PASSWORD)");
        }

        string? secret;
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            secret = header[7..].Trim();
        }
        else if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            secret = BasicPassword(header[6..].Trim());
            if (secret is null)
            {
                return (null, null, "malformed basic credentials: expected base64 of user:token");
            }
        }
        else
        {
            return (null, null, "unsupported Authorization scheme: use Bearer or Basic");
        }

        if (secret.Length == 0)
        {
            return (null, null, "empty credentials");
        }

        if (JwtValidator.LooksLikeJwt(secret))
        {
            if (jwtSetup.Validator is not { } jwt)
            {
                return (null, null, "JWT bearer tokens are not accepted: access.jwt is not configured");
            }

            var (fromJwt, jwtRefusal) = await jwt.ValidateAsync(secret).ConfigureAwait(false);
            return (fromJwt, null, jwtRefusal);
        }

        var check = await tokens.AuthenticateAsync(secret, context.RequestAborted).ConfigureAwait(false);
        return (check.Actor, check.Token?.Scopes, check.Refusal);
    }

    private static string? BasicPassword(string encoded)
    {
        Span<byte> bytes = stackalloc byte[Math.Min(encoded.Length, 4096)];
        if (encoded.Length > 4096 || !Convert.TryFromBase64String(encoded, bytes, out var written))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(bytes[..written]);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : text[(colon + 1)..];
    }
}
