namespace ChurnOps.Platform.Access;

/// <summary>
/// `access.jwt`: OIDC/JWT bearer tokens from an identity provider, validated offline against the issuer, the audience
/// and the signing keys in the named files (PEM public keys or a JWKS document, relative to the project).
/// </summary>
public sealed class JwtSettings
{
    public string? Issuer { get; set; }

    public string? Audience { get; set; }

    public List<string> SigningKeys { get; set; } = [];

    /// <summary>The claim naming the caller's team (a string or an array of strings; the first that maps to a team wins).</summary>
    public string TeamClaim { get; set; } = "groups";

    /// <summary>The claim naming the caller.</summary>
    public string NameClaim { get; set; } = "sub";

    /// <summary>Claim value → team name, for an identity provider whose group names are not the project's team names.</summary>
    public Dictionary<string, string> Teams { get; set; } = new(StringComparer.Ordinal);

    public int ClockSkewSeconds { get; set; } = 60;
}
