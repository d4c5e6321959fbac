using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChurnOps.Core.Access;
using ChurnOps.Core.Audit;
using ChurnOps.Platform.Projects;
using ChurnOps.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Server.Tests.Audit;

/// <summary>
/// A real ChurnOps server on a free 127.0.0.1 port over a fresh project. Ahead of the server's own pipeline stands what
/// an authentication handler does: a request with <c>x-test-actor: NAME|TEAM</c> gets that actor as its principal
/// (<see cref="ActorClaims.ToPrincipal"/>); any other request stays unauthenticated.
/// </summary>
public sealed class AuditServerFixture : IAsyncLifetime
{
    public const string ActorHeader = "x-test-actor";

    private readonly TempDirectory _root = new();
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    public ChurnOpsWorkspace Workspace { get; private set; } = null!;

    public IAuditLog Log => Workspace.Services.GetRequiredService<IAuditLog>();

    public async Task InitializeAsync()
    {
        await ProjectTemplate.WriteAsync(_root.Path, overwrite: false, CancellationToken.None);
        Workspace = (await ChurnOpsWorkspace.OpenAsync(_root.Path, TimeProvider.System, CancellationToken.None)).Workspace!;
        var builder = ChurnOpsServer.CreateBuilder(Workspace, new ServerOptions("http://127.0.0.1:0"));
        builder.AddChurnOpsServer(Workspace);
        _app = builder.Build();
        _app.Use((context, next) =>
        {
            if (context.Request.Headers[ActorHeader].ToString() is { Length: > 0 } given && given.Split('|') is [var name, var team])
            {
                context.User = ActorClaims.ToPrincipal(new Actor(name, team, "token"));
            }

            return next(context);
        });
        _app.MapChurnOpsServer();
        await _app.StartAsync();
        Client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _root.Dispose();
    }

    /// <summary>Sends <paramref name="json"/> (if any) as application/json; returns status and parsed body.</summary>
    public async Task<(int Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? json, string? actor = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (actor is not null)
        {
            request.Headers.Add(ActorHeader, actor);
        }

        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonElement body = default;
        if (text.TrimStart() is { Length: > 0 } trimmed && (trimmed.StartsWith('{') || trimmed.StartsWith('[')))
        {
            body = JsonDocument.Parse(text).RootElement.Clone();
        }

        return ((int)response.StatusCode, body);
    }

    public async Task<long> LastIdAsync() => (await Log.HeadAsync(CancellationToken.None)).LastId;
}
