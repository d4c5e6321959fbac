using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChurnOps.Platform.Projects;
using ChurnOps.Server.Hosting;
using Microsoft.AspNetCore.Builder;

namespace ChurnOps.Server.Tests.Dashboard;

/// <summary>A real server on a free 127.0.0.1 port over <see cref="OperationsDemo"/>'s project, shared by the operations pages' tests.</summary>
public sealed class OperationsServerFixture : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private WebApplication? _app;

    public ChurnOpsWorkspace Workspace { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The versions, canary, pipeline run and alerts the fixture made.</summary>
    public OperationsData Data { get; private set; } = null!;

    public long Deployment => Data.Deployment;

    public async Task InitializeAsync()
    {
        (Workspace, Data) = await OperationsDemo.CreateAsync(_temp.Sub("project"));
        _app = ChurnOpsServer.Build(Workspace, new ServerOptions("http://127.0.0.1:0", ConsoleLogging: Environment.GetEnvironmentVariable("CHURNOPS_TEST_LOG") == "1"));
        await _app.StartAsync();
        Client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    public async Task<(int Status, string Text, string? ContentType)> GetAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    public async Task<(int Status, JsonElement Body)> GetJsonAsync(string path)
    {
        var (status, text, _) = await GetAsync(path);
        return (status, Parse(text));
    }

    public async Task<(int Status, JsonElement Body)> PostJsonAsync(string path, string body)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        using var response = await Client.PostAsync(new Uri(path, UriKind.Relative), content);
        return ((int)response.StatusCode, Parse(await response.Content.ReadAsStringAsync()));
    }

    private static JsonElement Parse(string text) => text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
}
