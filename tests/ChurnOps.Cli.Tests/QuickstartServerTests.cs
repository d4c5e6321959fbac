using ChurnOps.Platform.Projects;
using ChurnOps.Server.Hosting;
using Microsoft.AspNetCore.Builder;

namespace ChurnOps.Cli.Tests;

/// <summary>
/// Tests against the server over the quickstart project on a real port: xunit makes one instance per test, so each test
/// gets its own server, started before it and stopped after, and an <see cref="Http"/> client pointed at it.
/// </summary>
public abstract class QuickstartServerTests(QuickstartFixture fixture) : IAsyncLifetime
{
    private WebApplication? _app;

    private protected QuickstartFixture Fixture => fixture;

    private protected ChurnOpsWorkspace Workspace { get; private set; } = null!;

    private protected WebApplication App => _app!;

    private protected HttpClient Http { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(fixture.ProjectDir, TimeProvider.System, CancellationToken.None);
        Workspace = workspace ?? throw new InvalidOperationException(error);
        _app = ChurnOpsServer.Build(Workspace, new ServerOptions("http://127.0.0.1:0"));
        await _app.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
