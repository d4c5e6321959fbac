using System.Security.Cryptography;

namespace ChurnOps.Server.Dashboard;

/// <summary>
/// The stylesheet and script, embedded in the assembly (nothing comes from the internet). Their URLs carry a hash of the
/// content, so a browser may cache them for good and still sees a new version at once.
/// </summary>
internal static class DashboardAssets
{
    private static readonly Asset Stylesheet = Load("dashboard.css", "text/css; charset=utf-8");
    private static readonly Asset Script = Load("dashboard.js", "text/javascript; charset=utf-8");

    public static string StylesheetUrl { get; } = "/ui/assets/dashboard.css?v=" + Stylesheet.Hash;

    public static string ScriptUrl { get; } = "/ui/assets/dashboard.js?v=" + Script.Hash;

    public static void Map(IEndpointRouteBuilder ui)
    {
        ui.MapGet("/assets/dashboard.css", (HttpContext context) => Serve(context, Stylesheet));
        ui.MapGet("/assets/dashboard.js", (HttpContext context) => Serve(context, Script));
    }

    private static IResult Serve(HttpContext context, Asset asset)
    {
        var etag = "\"" + asset.Hash + "\"";
        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        context.Response.Headers.ETag = etag;
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        return context.Request.Headers.IfNoneMatch == etag
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(asset.Content, asset.ContentType);
    }

    private static Asset Load(string name, string contentType)
    {
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream("ChurnOps.Server.Dashboard.Assets." + name)
            ?? throw new InvalidOperationException($"the dashboard asset {name} is not embedded in the server assembly");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var content = buffer.ToArray();
        return new Asset(content, contentType, Convert.ToHexStringLower(SHA256.HashData(content))[..16]);
    }

    private sealed record Asset(byte[] Content, string ContentType, string Hash);
}
