using ChurnOps.Platform.Projects;

namespace ChurnOps.Platform.Deployments;

/// <summary>The alert a failed canary raises, and the team that owns deployments (the mlops role, as the seeds' RACI has it).</summary>
public static class DeploymentAlerts
{
    public const string RolledBack = "DeploymentRolledBack";

    public static string OwningTeam(ProjectConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Teams.FirstOrDefault(t => string.Equals(t.Role, "mlops", StringComparison.OrdinalIgnoreCase))?.Name
            ?? config.Teams.FirstOrDefault(t => string.Equals(t.Role, "ml-engineering", StringComparison.OrdinalIgnoreCase))?.Name
            ?? "mlops";
    }
}
