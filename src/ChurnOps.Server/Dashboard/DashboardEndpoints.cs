using ChurnOps.Server.Dashboard.Data;
using ChurnOps.Server.Dashboard.Experiments;
using ChurnOps.Server.Dashboard.Features;
using ChurnOps.Server.Dashboard.Overview;
using ChurnOps.Server.Dashboard.Rendering;

namespace ChurnOps.Server.Dashboard;

/// <summary>
/// The web dashboard: server-rendered pages under /ui (/ goes to the overview), each with a JSON twin under /api/v1.
/// A path under /ui that no page answers is a friendly 404, or "not available yet" for a section still to come.
/// </summary>
internal static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Redirect(DashboardSection.Overview.Path)).ExcludeFromDescription();
        app.MapGet("/ui", () => Results.Redirect(DashboardSection.Overview.Path)).ExcludeFromDescription();
        var ui = app.MapGroup("/ui").ExcludeFromDescription().AddEndpointFilter<DashboardFailureFilter>();
        var api = app.MapGroup("/api/v1").WithTags("Dashboard");
        var routes = new DashboardRoutes(ui, api);
        DashboardAssets.Map(ui);
        // One line per section; a section not listed here answers "not available yet" through the fallback below.
        OverviewPages.Map(routes);
        DataPages.Map(routes);
        FeaturePages.Map(routes);
        ExperimentPages.Map(routes);
        OperationsPages.Map(routes);
        ui.MapFallback("/{**path}", (HttpContext context) => Unmatched(context));
        return app;
    }

    private static DashboardPageResult Unmatched(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var section = DashboardSection.ForPath(path);
        return section is not null && path.Equals(section.Path, StringComparison.OrdinalIgnoreCase)
            ? DashboardErrors.NotAvailableYet(section)
            : DashboardErrors.NotFound("Page not found", $"There is no dashboard page at {DashboardErrors.Excerpt(path)}.", section);
    }
}
