using ChurnOps.Core.Features;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Platform.Monitoring.Live;

/// <summary>
/// The team that owns a model in production and so receives its drift and performance alerts: the owner of the model's
/// feature view (features/*.yaml `owner`), else the team whose role is mlops, else the first team.
/// </summary>
public static class ModelOwner
{
    public static async Task<string> ResolveAsync(ProjectConfig config, IFeatureViewRegistry views, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(views);
        var table = config.Model.Table;
        var view = table.Contains('.', StringComparison.Ordinal) ? table[(table.IndexOf('.', StringComparison.Ordinal) + 1)..] : table;
        var registered = await views.GetCurrentAsync(view, ct).ConfigureAwait(false);
        if (registered?.Definition.Owner is { Length: > 0 } owner)
        {
            return owner;
        }

        return config.Teams.FirstOrDefault(t => string.Equals(t.Role, "mlops", StringComparison.OrdinalIgnoreCase))?.Name
            ?? config.Teams.FirstOrDefault()?.Name
            ?? "mlops";
    }
}
