using ChurnOps.Platform.Projects;

namespace ChurnOps.Server.Health;

internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", (ChurnOpsWorkspace workspace) => Results.Ok(new { status = "ok", project = workspace.Config.Project }))
            .WithName("Health");
        app.MapGet("/ping", () => Results.Ok());
        return app;
    }
}
