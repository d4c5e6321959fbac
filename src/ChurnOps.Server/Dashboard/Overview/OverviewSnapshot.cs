namespace ChurnOps.Server.Dashboard.Overview;

/// <summary>The overview page's data and its JSON twin: one chain per registered model (or one partial chain before any model).</summary>
internal sealed record OverviewSnapshot(string Project, DateTimeOffset At, IReadOnlyList<OverviewChain> Chains, int OpenAlerts);
