namespace ChurnOps.Server.Dashboard;

/// <summary>A top-level page of the dashboard, as the navigation lists it.</summary>
internal sealed record DashboardSection(string Key, string Title, string Path, string Summary)
{
    public static DashboardSection Overview { get; } = new("overview", "Overview", "/ui/overview", "The hand-off chain: contract → feature view → model → deployment → consumers.");

    public static DashboardSection Data { get; } = new("data", "Data", "/ui/data", "Contracts and versions, expectation results, quarantine, SLAs, dataset versions.");

    public static DashboardSection Features { get; } = new("features", "Features", "/ui/features", "Feature views, versions, statistics and the models that use them.");

    public static DashboardSection Experiments { get; } = new("experiments", "Experiments", "/ui/experiments", "Runs: sort, filter, compare; a run's plots and artifacts.");

    public static DashboardSection Models { get; } = new("models", "Models", "/ui/models", "Registry, versions, model cards, lineage, approvals.");

    public static DashboardSection Deployments { get; } = new("deployments", "Deployments", "/ui/deployments", "Traffic split, canary steps and their analysis, promote and roll back.");

    public static DashboardSection Monitoring { get; } = new("monitoring", "Monitoring", "/ui/monitoring", "Drift per column, estimated and realised performance.");

    public static DashboardSection Alerts { get; } = new("alerts", "Alerts", "/ui/alerts", "Open and acknowledged alerts, by team.");

    public static DashboardSection Pipelines { get; } = new("pipelines", "Pipelines", "/ui/pipelines", "DAGs, run history and step logs.");

    /// <summary>Every section in navigation order; a section whose pages are not mapped yet says so (see DashboardEndpoints).</summary>
    public static IReadOnlyList<DashboardSection> All { get; } = [Overview, Data, Features, Experiments, Models, Deployments, Monitoring, Alerts, Pipelines];

    /// <summary>The section a path belongs to (its first segment under /ui), or null.</summary>
    public static DashboardSection? ForPath(string path)
    {
        foreach (var section in All)
        {
            if (path.Equals(section.Path, StringComparison.OrdinalIgnoreCase) || path.StartsWith(section.Path + "/", StringComparison.OrdinalIgnoreCase))
            {
                return section;
            }
        }

        return null;
    }
}
