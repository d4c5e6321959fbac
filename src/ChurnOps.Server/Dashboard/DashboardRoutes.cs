namespace ChurnOps.Server.Dashboard;

/// <summary>Where a section maps its pages (<see cref="Ui"/>, under /ui) and their JSON twins (<see cref="Api"/>, under /api/v1).</summary>
internal sealed record DashboardRoutes(RouteGroupBuilder Ui, RouteGroupBuilder Api);
