using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChurnOps.Core.Artifacts;
using ChurnOps.Core.Registry;
using ChurnOps.Platform.Projects;
using ChurnOps.Server.Hosting;
using ChurnOps.Training.Candidates;
using ChurnOps.Training.Packaging;
using Microsoft.AspNetCore.Builder;

namespace ChurnOps.Server.Tests.Serving;

/// <summary>
/// A real ChurnOps server on a free 127.0.0.1 port over a fresh project, optionally with the model "churn" registered
/// (alias champion): a logistic regression trained once per test run on a seeded table with a number, a boolean, a
/// timestamp and a text input (customer_id is the entity, not an input).
/// </summary>
public sealed class ScoringServer : IAsyncDisposable
{
    private static readonly Lazy<Task<ModelPackage>> Model = new(TrainAsync);

    private readonly string _root;
    private WebApplication? _app;

    private ScoringServer(string root, ChurnOpsWorkspace workspace)
    {
        _root = root;
        Workspace = workspace;
    }

    public ChurnOpsWorkspace Workspace { get; }

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    /// <summary>
    /// Starts a server; <paramref name="beforeStart"/> prepares the project first (registers a model, breaks a table);
    /// <paramref name="yaml"/> is appended to churnops.yaml (e.g. a storage: section).
    /// </summary>
    public static async Task<ScoringServer> StartAsync(Func<ChurnOpsWorkspace, Task>? beforeStart = null, string? yaml = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "churnops-scoring-" + Guid.NewGuid().ToString("N"));
        Assert.Null((await ProjectTemplate.WriteAsync(root, false, CancellationToken.None)).Error);
        if (yaml is not null)
        {
            await File.AppendAllTextAsync(Path.Combine(root, "churnops.yaml"), "\n" + yaml + "\n");
        }

        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(root, TimeProvider.System, CancellationToken.None);
        Assert.True(workspace is not null, error);
        var server = new ScoringServer(root, workspace!);
        if (beforeStart is not null)
        {
            await beforeStart(workspace!);
        }

        server._app = ChurnOpsServer.Build(workspace!, new ServerOptions("http://127.0.0.1:0", ConsoleLogging: Environment.GetEnvironmentVariable("CHURNOPS_TEST_LOG") == "1"));
        await server._app.StartAsync();
        server.Client = new HttpClient { BaseAddress = new Uri(server._app.Urls.First()) };
        return server;
    }

    public static Task<ScoringServer> StartWithModelAsync() => StartAsync(RegisterModelAsync);

    /// <summary>Registers the trained model as churn v1 with alias champion.</summary>
    public static async Task RegisterModelAsync(ChurnOpsWorkspace workspace)
    {
        var package = await Model.Value;
        const string Artifact = "models/churn/1/model.zip";
        await workspace.Artifacts.WriteAsync(Artifact, (s, ct) => package.SaveAsync(s, ct), CancellationToken.None);
        await RegisterAsync(workspace, Artifact);
    }

    /// <summary>Registers a version whose artifact path holds nothing: it cannot be loaded.</summary>
    public static Task RegisterBrokenModelAsync(ChurnOpsWorkspace workspace) => RegisterAsync(workspace, "models/churn/1/missing.zip");

    public async Task<(int Status, string Text, HttpResponseMessage Response)> PostAsync(string path, string body, string contentType = "application/json")
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var response = await Client.PostAsync(new Uri(path, UriKind.Relative), content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public async Task<(int Status, JsonElement Body)> PostJsonAsync(string path, string body, string contentType = "application/json")
    {
        var (status, text, response) = await PostAsync(path, body, contentType);
        response.Dispose();
        return (status, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async Task<(int Status, string Text)> GetAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds; false when it never did.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return await condition();
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
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

    private static async Task RegisterAsync(ChurnOpsWorkspace workspace, string artifact)
    {
        var lineage = new ModelLineage(null, new Dictionary<string, string>(), null, null, 42, "churned", null);
        // Recorded as training does, so every served test model goes through the hash check.
        var sha256 = await ArtifactHash.ComputeAsync(workspace.Artifacts, artifact, CancellationToken.None);
        var version = await workspace.Registry.RegisterAsync(new NewModelVersion("churn", "run-1", artifact, "logreg", new Dictionary<string, double>(), lineage, "test", null) { ArtifactSha256 = sha256 }, CancellationToken.None);
        await workspace.Registry.SetAliasAsync("churn", "champion", version.Version, CancellationToken.None);
    }

    private static async Task<ModelPackage> TrainAsync()
    {
        var data = ChurnShapedTables.Mixed(800, seed: 11);
        var request = new TrainingRequest(data, "churned", ["customer_id"], ["logreg"], 1, 0.2, EvaluationGates.None) { SearchTrials = 1, ImportanceRepeats = 0, RenderPlots = false };
        var outcome = await new CandidateTrainer().TrainAsync(request, null, CancellationToken.None);
        return outcome.WinnerPackage ?? throw new InvalidOperationException(outcome.Error);
    }
}
