using System.Diagnostics;
using ChurnOps.Platform.Access;
using ChurnOps.Platform.Projects;
using ChurnOps.Server.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Bench.Access;

/// <summary>
/// The access middleware's own cost per request, in process, off (no token: the local principal) against on (a bearer
/// token checked through the lookup cache), alternating: the part of serve-auth.sh's difference that authentication
/// itself adds, free of a shared machine's noise. dotnet run -c Release --project bench/ChurnOps.Bench -- access
/// </summary>
internal sealed class AccessMiddlewareHarness : IBenchHarness
{
    public string Name => "access";

    public string Description => "access middleware per request: off (zero config) vs bearer token, in process";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var root = Path.Combine(Path.GetTempPath(), "churnops-bench-access-" + Guid.NewGuid().ToString("N"));
        try
        {
            var off = await MiddlewareAsync(Path.Combine(root, "off"), issueToken: false, cancellationToken);
            var on = await MiddlewareAsync(Path.Combine(root, "on"), issueToken: true, cancellationToken);
            var span = TimeSpan.FromSeconds(quick ? 0.5 : 2);
            var offNs = new List<double>();
            var onNs = new List<double>();
            for (var round = 0; round < 3; round++)
            {
                offNs.Add(await MeasureAsync(off.Middleware, null, span));
                onNs.Add(await MeasureAsync(on.Middleware, on.Secret, span));
            }

            var medianOff = offNs.Order().ElementAt(1);
            var medianOn = onNs.Order().ElementAt(1);
            Console.WriteLine($"access middleware per request: off {medianOff:0} ns, on (bearer token) {medianOn:0} ns, added {medianOn - medianOff:0} ns");
            Console.WriteLine($"  of which the cached token lookup {await LookupNsAsync(on.Tokens, on.Secret!, span):0} ns");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<double> LookupNsAsync(AccessTokens tokens, string secret, TimeSpan span)
    {
        long count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < span)
        {
            for (var i = 0; i < 1000; i++)
            {
                _ = await tokens.AuthenticateAsync(secret, CancellationToken.None);
            }

            count += 1000;
        }

        return clock.Elapsed.TotalNanoseconds / count;
    }

    private static async Task<(AccessMiddleware Middleware, AccessTokens Tokens, string? Secret)> MiddlewareAsync(string root, bool issueToken, CancellationToken ct)
    {
        await ProjectTemplate.WriteAsync(root, overwrite: false, ct);
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(root, ProjectAccess.ReadOnly, TimeProvider.System, ct);
        if (workspace is null)
        {
            throw new InvalidOperationException(error);
        }

        var services = workspace.Services;
        string? secret = null;
        if (issueToken)
        {
            secret = (await services.GetRequiredService<AccessTokens>().CreateAsync("software-engineering", "bench", [TokenScopes.Read], TimeSpan.FromDays(1), "bench", ct)).Issued!.Secret;
        }

        var middleware = new AccessMiddleware(
            _ => Task.CompletedTask,
            services.GetRequiredService<AccessGate>(),
            services.GetRequiredService<AccessTokens>(),
            new EndpointActivities(workspace.Config),
            new LocalPrincipal(),
            new JwtSetup(workspace));
        return (middleware, services.GetRequiredService<AccessTokens>(), secret);
    }

    private static async Task<double> MeasureAsync(AccessMiddleware middleware, string? secret, TimeSpan span)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/v2/models/churn/infer";
        if (secret is not null)
        {
            context.Request.Headers.Authorization = "Bearer " + secret;
        }

        long count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < span)
        {
            for (var i = 0; i < 1000; i++)
            {
                await middleware.InvokeAsync(context);
            }

            count += 1000;
        }

        if (context.Response.StatusCode != 200)
        {
            throw new InvalidOperationException($"the middleware refused the request ({context.Response.StatusCode})");
        }

        return clock.Elapsed.TotalNanoseconds / count;
    }
}
