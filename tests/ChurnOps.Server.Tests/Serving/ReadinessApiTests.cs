using System.Text.Json;

namespace ChurnOps.Server.Tests.Serving;

/// <summary>Liveness and readiness over a real port: ready only once the model is loaded and its warm-up scored.</summary>
public sealed class ReadinessApiTests
{
    [Fact]
    public async Task Ping_BeforeAndAfterTheModelIsRegistered_Is503Then200()
    {
        await using var server = await ScoringServer.StartAsync();

        var (before, reason) = await server.GetAsync("/ping");
        var (ready, readyBody) = await server.GetAsync("/v2/health/ready");
        var (live, _) = await server.GetAsync("/v2/health/live");
        Assert.Equal(503, before);
        Assert.Contains("model 'churn' is not registered", reason, StringComparison.Ordinal);
        Assert.Equal(503, ready);
        Assert.False(JsonDocument.Parse(readyBody).RootElement.GetProperty("ready").GetBoolean());
        Assert.Equal(200, live);

        await ScoringServer.RegisterModelAsync(server.Workspace);

        Assert.True(await ScoringServer.EventuallyAsync(async () => (await server.GetAsync("/ping")).Status == 200), "/ping never turned 200 after the model was registered");
        var (after, body) = await server.GetAsync("/v2/health/ready");
        Assert.Equal(200, after);
        using var json = JsonDocument.Parse(body);
        Assert.True(json.RootElement.GetProperty("ready").GetBoolean());
        Assert.Equal(1, json.RootElement.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task ModelReady_ModelThatCannotBeLoaded_Is503WithTheReason()
    {
        await using var server = await ScoringServer.StartAsync(ScoringServer.RegisterBrokenModelAsync);

        var (status, body) = await server.GetAsync("/v2/models/churn/ready");
        var (serverStatus, serverBody) = await server.GetAsync("/v2/health/ready");
        var (ping, _) = await server.GetAsync("/ping");

        Assert.Equal(503, status);
        using var json = JsonDocument.Parse(body);
        Assert.False(json.RootElement.GetProperty("ready").GetBoolean());
        Assert.Contains("missing.zip", json.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(503, serverStatus);
        Assert.Contains("missing.zip", serverBody, StringComparison.Ordinal);
        Assert.Equal(503, ping);
    }

    [Fact]
    public async Task ModelReady_LoadedModel_IsReadyPerAliasAndVersion_AndUnknownIs404()
    {
        await using var server = await ScoringServer.StartWithModelAsync();

        Assert.Equal(200, (await server.GetAsync("/v2/models/churn/ready")).Status);
        Assert.Equal(200, (await server.GetAsync("/v2/models/churn/versions/1/ready")).Status);
        Assert.Equal(404, (await server.GetAsync("/v2/models/churn/versions/9/ready")).Status);
        Assert.Equal(404, (await server.GetAsync("/v2/models/nobody/ready")).Status);
        Assert.Equal(200, (await server.GetAsync("/ping")).Status);
    }
}
