using System.Collections.Frozen;
using ChurnOps.Core.Access;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Platform.Access;

/// <summary>
/// The project's RACI resolved to team names once at start: for each activity, the teams that may perform it (those
/// Responsible or Accountable, by name or by role). A check is two frozen-set lookups, cheap enough for every request.
/// </summary>
public sealed class AccessPolicy
{
    private readonly FrozenDictionary<string, FrozenSet<string>> _performers;
    private readonly FrozenDictionary<string, RaciAssignment> _assignments;

    public AccessPolicy(ProjectConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        var assignments = new Dictionary<string, RaciAssignment>(StringComparer.Ordinal);
        foreach (var activity in Activities.All)
        {
            assignments[activity] = config.Access.Raci.TryGetValue(activity, out var line)
                ? new RaciAssignment(line.Responsible, line.Accountable is null ? [] : [line.Accountable], line.Consulted, line.Informed)
                : DefaultRaci.Assignments[activity];
        }

        _assignments = assignments.ToFrozenDictionary(StringComparer.Ordinal);
        _performers = assignments.ToFrozenDictionary(
            a => a.Key,
            a => config.Teams.Where(t => a.Value.Performers.Any(p => Matches(p, t))).Select(t => t.Name).ToFrozenSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    public ProjectConfig Config { get; }

    /// <summary>The RACI line of <paramref name="activity"/> (configured or default).</summary>
    public RaciAssignment Assignment(string activity) => _assignments[activity];

    /// <summary>The project's teams that may perform <paramref name="activity"/>.</summary>
    public IReadOnlyCollection<string> Performers(string activity) => _performers[activity];

    public bool TeamMay(string? team, string activity) => team is not null && _performers.TryGetValue(activity, out var teams) && teams.Contains(team);

    /// <summary>
    /// Null when <paramref name="actor"/> may perform <paramref name="activity"/> within <paramref name="scopes"/>
    /// (null scopes: unrestricted, e.g. a member acting from the CLI); else the one-line refusal naming the permission.
    /// </summary>
    public string? Denial(Actor actor, string activity, IReadOnlyList<string>? scopes)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!TeamMay(actor.Team, activity))
        {
            var who = actor.Team is null ? $"{actor.Name} acts for no team" : $"{actor.Name} acts for '{actor.Team}'";
            var teams = Performers(activity);
            return $"permission '{activity}' denied: {who}; access.raci.{activity} lets {(teams.Count == 0 ? "no team of this project" : string.Join(", ", teams.Select(t => $"'{t}'")))} perform it";
        }

        if (scopes is not null && !TokenScopes.Allows(scopes, activity))
        {
            return $"permission '{activity}' denied: the token's scopes ({string.Join(", ", scopes)}) do not include '{activity}' or 'write'";
        }

        return null;
    }

    /// <summary>The team <paramref name="userName"/> is a member of (teams[].members, case-insensitive), or null.</summary>
    public string? TeamOf(string userName) =>
        Config.Teams.FirstOrDefault(t => t.Members.Contains(userName, StringComparer.OrdinalIgnoreCase))?.Name;

    private static bool Matches(string entry, TeamSettings team) =>
        string.Equals(entry, team.Name, StringComparison.Ordinal) || string.Equals(entry, team.Role, StringComparison.OrdinalIgnoreCase);
}
