using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChurnOps.Platform.Features;
using ChurnOps.Platform.Projects;
using ChurnOps.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Server.Tests.Features;

/// <summary>GET /api/v1/features/online on a real port, over a project whose view is built and materialized.</summary>
public sealed class OnlineFeaturesEndpointTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "churnops-server-features-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private HttpClient? _client;

    public async Task InitializeAsync()
    {
        Assert.Null((await ProjectTemplate.WriteAsync(_root, false, CancellationToken.None)).Error);
        foreach (var file in Directory.GetFiles(Path.Combine(_root, "features")))
        {
            File.Delete(file);
        }

        await File.WriteAllTextAsync(Path.Combine(_root, "features", "amounts.yaml"), "name: amounts\nentity: customer_id\ntimestamp: event_timestamp\nttl: 30d\nfeatures:\n  - name: amount\n  - name: plan\n");
        await File.WriteAllTextAsync(Path.Combine(_root, "features", "amounts.sql"), "SELECT * FROM staging.source");
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(_root, TimeProvider.System, CancellationToken.None);
        Assert.Null(error);
        await workspace!.Warehouse.ExecuteAsync("""
            CREATE TABLE staging.source (customer_id INTEGER, event_timestamp TIMESTAMP, amount DOUBLE, plan VARCHAR);
            INSERT INTO staging.source VALUES (42, '2024-01-01', 1.5, 'basic'), (42, '2024-01-03', 2.5, 'pro'), (7, '2024-01-02', NULL, 'basic');
            """, CancellationToken.None);
        var store = workspace.Services.GetRequiredService<FeatureStore>();
        Assert.True((await store.ApplyAsync(false, CancellationToken.None)).Succeeded);
        Assert.True((await store.BuildAsync(null, CancellationToken.None)).Succeeded);
        Assert.True((await store.MaterializeAsync(false, CancellationToken.None)).Succeeded);

        _app = ChurnOpsServer.Build(workspace, new ServerOptions("http://127.0.0.1:0"));
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    [Fact]
    public async Task GetOnline_MaterializedEntity_ReturnsLatestValuesAndVersion()
    {
        var response = await _client!.GetAsync(new Uri("/api/v1/features/online?view=amounts&entity=42", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        Assert.Equal("amounts", root.GetProperty("view").GetString());
        Assert.Equal(16, root.GetProperty("version").GetString()!.Length);
        Assert.Equal("42", root.GetProperty("entity").GetString());
        Assert.Equal(2.5, root.GetProperty("features").GetProperty("amount").GetDouble());
        Assert.Equal("pro", root.GetProperty("features").GetProperty("plan").GetString());
        Assert.Equal(new DateTimeOffset(2024, 1, 3, 0, 0, 0, TimeSpan.Zero), root.GetProperty("eventTimestamp").GetDateTimeOffset());
    }

    [Fact]
    public async Task GetOnline_NullFeature_IsJsonNull()
    {
        var response = await _client!.GetAsync(new Uri("/api/v1/features/online?view=amounts&entity=7", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("features").GetProperty("amount").ValueKind);
    }

    [Fact]
    public async Task GetOnline_UnknownEntity_NotFoundProblem()
    {
        var response = await _client!.GetAsync(new Uri("/api/v1/features/online?view=amounts&entity=999", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("no online features for entity '999' in view 'amounts' (is the view materialized? run 'churnops features materialize')", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task GetOnline_MissingParameters_ValidationProblemNamesBoth()
    {
        var response = await _client!.GetAsync(new Uri("/api/v1/features/online", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("view", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("entity", out _));
    }
}
