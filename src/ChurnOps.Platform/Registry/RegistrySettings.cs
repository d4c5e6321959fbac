using ChurnOps.Platform.Projects;

namespace ChurnOps.Platform.Registry;

/// <summary>The `registry:` block of churnops.yaml.</summary>
public sealed class RegistrySettings
{
    public ApprovalSettings Approval { get; set; } = new();

    /// <summary>Problems as "registry.approval.key: message" lines.</summary>
    public IEnumerable<string> Validate(IReadOnlyList<TeamSettings> teams)
    {
        ArgumentNullException.ThrowIfNull(teams);
        var team = Approval.AccountableTeam;
        if (team is not null && teams.Count > 0 && !teams.Any(t => string.Equals(t.Name, team, StringComparison.Ordinal)))
        {
            yield return $"registry.approval.accountable_team: '{team}' is not one of the project's teams ({string.Join(", ", teams.Select(t => t.Name))})";
        }
    }
}
