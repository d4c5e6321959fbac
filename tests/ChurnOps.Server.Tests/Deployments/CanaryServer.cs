using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChurnOps.Core.Registry;
using ChurnOps.Platform.Projects;
using ChurnOps.Server.Hosting;
using ChurnOps.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Server.Tests.Deployments;

/// <summary>
/// A project with churn v1 (good, the champion), v2 (the same good model), v3 (inverted scores) and v4 (an artifact that
/// is not a model package: it cannot load), all approved, and v5 (good, still pending approval), served on a real port with the canary checked every second. The server can
/// be stopped and started again on the same project, as a restart.
/// </summary>
internal sealed class CanaryServer : IAsyncDisposable
{
    public const int Good = 2;
    public const int Inverted = 3;
    public const int Broken = 4;
    public const int Unapproved = 5;

    private readonly TempDirectory _temp = new();
    private WebApplication? _app;

    private CanaryServer()
    {
    }

    public string Root => _temp.Sub("project");

    public ChurnOpsWorkspace Workspace { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public static async Task<CanaryServer> StartAsync(int minSamples = 200)
    {
        var server = new CanaryServer();
        Assert.Null((await ProjectTemplate.WriteAsync(server.Root, false, CancellationToken.None)).Error);
        await File.AppendAllTextAsync(Path.Combine(server.Root, "churnops.yaml"), string.Create(CultureInfo.InvariantCulture, $"""
            deployments:
              check_every: 1s
              analysis:
                min_samples: {minSamples}
                max_p99_ms: 5000

            """));
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(server.Root, TimeProvider.System, CancellationToken.None);
        Assert.True(workspace is not null, error);
        var (good, inverted) = await CanaryModels.GetAsync();
        var registry = workspace!.Registry;
        await RegisterAsync(workspace, 1, (s, ct) => good.SaveAsync(s, ct));
        await registry.SetAliasAsync("churn", "champion", 1, CancellationToken.None);
        await RegisterAsync(workspace, Good, (s, ct) => good.SaveAsync(s, ct));
        await RegisterAsync(workspace, Inverted, (s, ct) => inverted.SaveAsync(s, ct));
        await RegisterAsync(workspace, Broken, (s, ct) => s.WriteAsync("not a model package"u8.ToArray(), ct).AsTask());
        await RegisterAsync(workspace, Unapproved, (s, ct) => good.SaveAsync(s, ct), approve: false);
        server.Workspace = workspace;
        await server.StartServerAsync();
        return server;
    }

    /// <summary>Stops the server and starts a new one on the same project (a new process's state: nothing kept in memory).</summary>
    public async Task RestartAsync()
    {
        await StopServerAsync();
        var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(Root, TimeProvider.System, CancellationToken.None);
        Assert.True(workspace is not null, error);
        Workspace = workspace!;
        await StartServerAsync();
    }

    public async Task<HttpResponseMessage> DeployAsync(object body) =>
        await Http.PostAsJsonAsync("/api/v1/deployments", body);

    public async Task<JsonNode> GetDeploymentAsync(long id) =>
        JsonNode.Parse(await Http.GetStringAsync(new Uri($"/api/v1/deployments/{id}", UriKind.Relative)))!;

    /// <summary>Waits (bounded) until the deployment's status is one of <paramref name="statuses"/>, scoring requests meanwhile when <paramref name="traffic"/> is given.</summary>
    public async Task<JsonNode> WaitForAsync(long id, Func<JsonNode, bool> done, TrafficLoop? traffic, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (true)
        {
            var deployment = await GetDeploymentAsync(id);
            if (done(deployment))
            {
                return deployment;
            }

            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"deployment {id} did not get there within {limit}: {deployment.ToJsonString()}");
            }

            if (traffic is not null)
            {
                await traffic.SendAsync(20);
            }
            else
            {
                await Task.Delay(50);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopServerAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    /// <summary>One OIP v2 infer body of a seeded random customer; <paramref name="customerId"/> rides in the request's parameters.</summary>
    public static string InferBody(Random random, string? customerId = null)
    {
        var plan = random.Next(3) switch { 0 => "basic", 1 => "premium", _ => "family" };
        var parameters = customerId is null ? string.Empty : $"\"parameters\": {{\"customer_id\": \"{customerId}\"}},";
        return string.Create(CultureInfo.InvariantCulture, $$"""
            {{{parameters}} "inputs": [
              {"name": "usage", "shape": [1], "datatype": "FP64", "data": [{{random.NextDouble():R}}]},
              {"name": "tenure", "shape": [1], "datatype": "FP64", "data": [{{random.Next(1, 72)}}]},
              {"name": "plan", "shape": [1], "datatype": "BYTES", "data": ["{{plan}}"]}
            ]}
            """);
    }

    private static async Task RegisterAsync(ChurnOpsWorkspace workspace, int expected, Func<Stream, CancellationToken, Task> write, bool approve = true)
    {
        var artifact = $"models/churn/{expected}/model.zip";
        await workspace.Artifacts.WriteAsync(artifact, write, CancellationToken.None);
        var lineage = new ModelLineage(null, new Dictionary<string, string>(), null, null, 42, "churned", null);
        var version = await workspace.Registry.RegisterAsync(new NewModelVersion("churn", $"run-{expected}", artifact, "logreg", new Dictionary<string, double>(), lineage, "test", null), CancellationToken.None);
        Assert.Equal(expected, version.Version);
        if (approve)
        {
            var approval = new ModelApproval("churn", expected, ApprovalDecision.Approve, "mlops-team", "tester", DateTimeOffset.UtcNow, null, new Dictionary<string, double>(), new GateVerdict(true, new Dictionary<string, double>(), []));
            Assert.True((await workspace.Registry.RecordApprovalAsync(approval, CancellationToken.None)).IsSuccess);
        }
    }

    private async Task StartServerAsync()
    {
        _app = ChurnOpsServer.Build(Workspace, new ServerOptions("http://127.0.0.1:0"));
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    private async Task StopServerAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }
}
