namespace ChurnOps.Server.Dashboard.Overview;

/// <summary>The chain contract → feature view → model → deployment → consumers of one model.</summary>
internal sealed record OverviewChain(string Model, IReadOnlyList<OverviewStage> Stages);
