using ChurnOps.Core.Access;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Platform.Access;

/// <summary>
/// churnops.yaml `access:`: the RACI per activity (defaults from <see cref="DefaultRaci"/> for any activity left out),
/// optional JWT validation, and whether access control is on even before any token exists (`required`). Without
/// tokens, JWT or `required`, a project stays zero-config: the local user may do everything.
/// </summary>
public sealed class AccessSettings
{
    public bool Required { get; set; }

    /// <summary>How long the server trusts a token lookup; a revocation takes effect within this many seconds.</summary>
    public int TokenCacheSeconds { get; set; } = 5;

    public Dictionary<string, RaciSettings> Raci { get; set; } = new(StringComparer.Ordinal);

    public JwtSettings? Jwt { get; set; }

    /// <summary>Problems as "access.key: message" lines.</summary>
    public IEnumerable<string> Validate(IReadOnlyList<TeamSettings> teams, string path)
    {
        ArgumentNullException.ThrowIfNull(teams);
        if (TokenCacheSeconds is < 0 or > 300)
        {
            yield return $"{path}.token_cache_seconds: must be between 0 and 300 (got {TokenCacheSeconds})";
        }

        var known = new HashSet<string>(TeamRoles.All, StringComparer.Ordinal);
        known.UnionWith(teams.Select(t => t.Name).Where(n => !string.IsNullOrWhiteSpace(n)));
        known.UnionWith(teams.Select(t => t.Role).Where(r => !string.IsNullOrWhiteSpace(r)));
        foreach (var (activity, line) in Raci)
        {
            var at = $"{path}.raci.{activity}";
            if (!Activities.IsKnown(activity))
            {
                yield return $"{at}: unknown activity (known: {string.Join(", ", Activities.All)})";
                continue;
            }

            if (string.IsNullOrWhiteSpace(line.Accountable))
            {
                yield return $"{at}.accountable: is required (the one team or role that answers for {activity})";
            }
            else if (!known.Contains(line.Accountable))
            {
                yield return Unknown($"{at}.accountable", line.Accountable, teams);
            }

            foreach (var (list, name) in new[] { (line.Responsible, "responsible"), (line.Consulted, "consulted"), (line.Informed, "informed") })
            {
                for (var i = 0; i < list.Count; i++)
                {
                    if (!known.Contains(list[i]))
                    {
                        yield return Unknown($"{at}.{name}[{i}]", list[i], teams);
                    }
                }
            }
        }

        for (var i = 0; i < teams.Count; i++)
        {
            foreach (var other in teams.Skip(i + 1).Where(t => string.Equals(t.Name, teams[i].Name, StringComparison.Ordinal)))
            {
                yield return $"teams[{i}].name: '{other.Name}' is declared twice";
            }

            var duplicated = teams[i].Members.Where(m => teams.Take(i).Any(t => t.Members.Contains(m, StringComparer.OrdinalIgnoreCase)));
            foreach (var member in duplicated)
            {
                yield return $"teams[{i}].members: '{member}' is already a member of another team (a person acts for one team)";
            }
        }

        if (Jwt is { } jwt)
        {
            if (string.IsNullOrWhiteSpace(jwt.Issuer))
            {
                yield return $"{path}.jwt.issuer: is required (the identity provider's issuer URL, as the tokens' iss claim)";
            }

            if (string.IsNullOrWhiteSpace(jwt.Audience))
            {
                yield return $"{path}.jwt.audience: is required (the aud claim tokens for this server carry)";
            }

            if (jwt.SigningKeys.Count == 0)
            {
                yield return $"{path}.jwt.signing_keys: name at least one file (a PEM public key or a JWKS document, relative to the project)";
            }

            if (string.IsNullOrWhiteSpace(jwt.TeamClaim) || string.IsNullOrWhiteSpace(jwt.NameClaim))
            {
                yield return $"{path}.jwt: team_claim and name_claim must not be empty";
            }

            if (jwt.ClockSkewSeconds is < 0 or > 600)
            {
                yield return $"{path}.jwt.clock_skew_seconds: must be between 0 and 600 (got {jwt.ClockSkewSeconds})";
            }

            foreach (var (claim, team) in jwt.Teams)
            {
                if (!teams.Any(t => string.Equals(t.Name, team, StringComparison.Ordinal)))
                {
                    yield return $"{path}.jwt.teams.{claim}: '{team}' is not one of the project's teams ({TeamNames(teams)})";
                }
            }
        }
    }

    private static string Unknown(string at, string value, IReadOnlyList<TeamSettings> teams) =>
        $"{at}: '{Echo(value)}' is neither a team ({TeamNames(teams)}) nor a role ({string.Join(", ", TeamRoles.All)})";

    private static string TeamNames(IReadOnlyList<TeamSettings> teams) => teams.Count == 0 ? "none declared" : string.Join(", ", teams.Select(t => t.Name));

    private static string Echo(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
