using System.Security.Claims;
using ChurnOps.Core.Access;
using ChurnOps.Platform.Access;
using ChurnOps.Platform.Projects;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChurnOps.Server.Access;

/// <summary>
/// Validates OIDC/JWT bearer tokens offline (issuer, audience, lifetime, signature against the configured keys) and
/// maps the token to an actor: the name claim, and the first value of the team claim that is (or maps to) a team.
/// </summary>
internal sealed class JwtValidator
{
    private readonly JwtSettings _settings;
    private readonly ProjectConfig _config;
    private readonly TokenValidationParameters _parameters;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public JwtValidator(JwtSettings settings, ProjectConfig config, IReadOnlyList<SecurityKey> keys, TimeProvider time)
    {
        _settings = settings;
        _config = config;
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            IssuerSigningKeys = keys,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = TimeSpan.FromSeconds(settings.ClockSkewSeconds),
            // The project's clock, not the library's, decides expiry (tests move it; so would a skewed host's NTP fix).
            LifetimeValidator = (notBefore, expires, _, _) => WithinLifetime(time.GetUtcNow().UtcDateTime, notBefore, expires, TimeSpan.FromSeconds(settings.ClockSkewSeconds)),
            NameClaimType = settings.NameClaim,
        };
    }

    /// <summary>A compact JWS has three dot-separated parts; API tokens have none.</summary>
    public static bool LooksLikeJwt(ReadOnlySpan<char> token) => token.Count('.') == 2;

    public async Task<(Actor? Actor, string? Refusal)> ValidateAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, _parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return (null, Reason(result.Exception));
        }

        var identity = result.ClaimsIdentity;
        var name = identity.FindFirst(_settings.NameClaim)?.Value ?? identity.FindFirst("sub")?.Value;
        if (string.IsNullOrWhiteSpace(name))
        {
            return (null, $"the JWT has no '{_settings.NameClaim}' claim (access.jwt.name_claim)");
        }

        return (new Actor(name, TeamOf(identity), "jwt"), null);
    }

    private static bool WithinLifetime(DateTime now, DateTime? notBefore, DateTime? expires, TimeSpan skew) =>
        expires is { } end && now <= end + skew && (notBefore is not { } start || now >= start - skew);

    private string? TeamOf(ClaimsIdentity identity)
    {
        foreach (var claim in identity.FindAll(_settings.TeamClaim))
        {
            var team = _settings.Teams.TryGetValue(claim.Value, out var mapped) ? mapped : claim.Value;
            if (_config.Teams.Any(t => string.Equals(t.Name, team, StringComparison.Ordinal)))
            {
                return team;
            }
        }

        return null;
    }

    private static string Reason(Exception? error) => error switch
    {
        SecurityTokenExpiredException => "the JWT has expired",
        SecurityTokenNotYetValidException => "the JWT is not valid yet",
        SecurityTokenInvalidLifetimeException => "the JWT has expired or is not valid yet (exp, nbf)",
        SecurityTokenInvalidAudienceException => "the JWT is for another audience (access.jwt.audience)",
        SecurityTokenInvalidIssuerException => "the JWT is from another issuer (access.jwt.issuer)",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the JWT's signature does not verify against access.jwt.signing_keys",
        SecurityTokenNoExpirationException => "the JWT has no expiry (exp)",
        SecurityTokenMalformedException => "the JWT is malformed",
        _ => "the JWT is not valid",
    };
}
