using ChurnOps.Server.Hosting;

namespace ChurnOps.Server.Security;

internal static class BrowserSafetyExtensions
{
    public static IServiceCollection AddBrowserSafety(this IServiceCollection services, ServerOptions options) =>
        services.AddSingleton(HostAllowList.ForUrls(options.Urls));

    /// <summary>A builder that did not go through CreateBuilder (no allow list registered) answers to any host.</summary>
    public static IApplicationBuilder UseBrowserSafety(this IApplicationBuilder app) =>
        app.UseMiddleware<BrowserSafetyMiddleware>(app.ApplicationServices.GetService<HostAllowList>() ?? HostAllowList.AnyHost);
}
