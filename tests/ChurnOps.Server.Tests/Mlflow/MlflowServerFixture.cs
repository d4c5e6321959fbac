using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChurnOps.Platform.Projects;
using ChurnOps.Server.Hosting;
using Microsoft.AspNetCore.Builder;

namespace ChurnOps.Server.Tests.Mlflow;

/// <summary>A real ChurnOps server on a free 127.0.0.1 port over a fresh project, and a client that speaks MLflow's JSON.</summary>
public sealed class MlflowServerFixture : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "churnops-mlflow-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    public ChurnOpsWorkspace Workspace { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await ProjectTemplate.WriteAsync(_root, overwrite: false, CancellationToken.None);
        Workspace = (await ChurnOpsWorkspace.OpenAsync(_root, TimeProvider.System, CancellationToken.None)).Workspace!;
        _app = ChurnOpsServer.Build(Workspace, new ServerOptions("http://127.0.0.1:0"));
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
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>POSTs a raw JSON body (as the MLflow client writes it) and returns status and parsed body.</summary>
    public async Task<(int Status, JsonElement Body)> PostAsync(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Client.PostAsync(new Uri(path, UriKind.Relative), content);
        return ((int)response.StatusCode, await ReadAsync(response));
    }

    public async Task<(int Status, JsonElement Body)> GetAsync(string pathAndQuery)
    {
        using var response = await Client.GetAsync(new Uri(pathAndQuery, UriKind.Relative));
        return ((int)response.StatusCode, await ReadAsync(response));
    }

    /// <summary>Creates an experiment and a run through the API; returns (experimentId, runId).</summary>
    public async Task<(string ExperimentId, string RunId)> NewRunAsync(string? experimentName = null)
    {
        var name = experimentName ?? "exp-" + Guid.NewGuid().ToString("N");
        var (_, created) = await PostAsync("/api/2.0/mlflow/experiments/create", $$"""{"name": "{{name}}"}""");
        var experimentId = created.GetProperty("experiment_id").GetString()!;
        var (_, run) = await PostAsync("/api/2.0/mlflow/runs/create", $$"""{"experiment_id": "{{experimentId}}", "start_time": 1700000000000, "tags": [{"key": "mlflow.user", "value": "ana"}], "run_name": "r1"}""");
        return (experimentId, run.GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
