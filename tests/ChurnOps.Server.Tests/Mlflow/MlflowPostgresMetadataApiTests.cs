using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChurnOps.Platform.Projects;
using ChurnOps.Server.Hosting;
using Microsoft.AspNetCore.Builder;

namespace ChurnOps.Server.Tests.Mlflow;

/// <summary>
/// The MLflow REST API with tracking and registry on a real PostgreSQL 15 server: two ChurnOps servers on real
/// 127.0.0.1 ports (two replicas, each its own project folder) whose churnops.yaml names the same database in
/// storage.metadata, built as Program.cs builds the server.
/// </summary>
public sealed class MlflowPostgresMetadataApiTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private readonly List<(string Root, WebApplication App, HttpClient Client)> _servers = [];

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        for (var i = 0; i < 2; i++)
        {
            var root = Path.Combine(Path.GetTempPath(), "churnops-mlflow-pg-" + Guid.NewGuid().ToString("N"));
            await ProjectTemplate.WriteAsync(root, overwrite: false, CancellationToken.None);
            await File.AppendAllTextAsync(Path.Combine(root, "churnops.yaml"), $"\nstorage:\n  metadata: {database.Url}\n");
            var (workspace, error) = await ChurnOpsWorkspace.OpenAsync(root, TimeProvider.System, CancellationToken.None);
            Assert.True(workspace is not null, error);
            var app = ChurnOpsServer.Build(workspace, new ServerOptions("http://127.0.0.1:0"));
            await app.StartAsync();
            _servers.Add((root, app, new HttpClient { BaseAddress = new Uri(app.Urls.First()) }));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var (root, app, client) in _servers)
        {
            client.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
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

    [Fact]
    public async Task TrackingAndRegistry_OnPostgres_OneReplicaWritesTheOtherReadsAndSearches()
    {
        var (a, b) = (_servers[0].Client, _servers[1].Client);
        var (status, created) = await PostAsync(a, "/api/2.0/mlflow/experiments/create", """{"name": "churn-pg", "tags": [{"key": "team", "value": "ds"}]}""");
        Assert.Equal(200, status);
        var experimentId = created.GetProperty("experiment_id").GetString()!;
        var (_, again) = await PostAsync(b, "/api/2.0/mlflow/experiments/create", """{"name": "churn-pg"}""");
        Assert.Equal("RESOURCE_ALREADY_EXISTS", again.GetProperty("error_code").GetString());

        var runIds = new List<string>();
        foreach (var (name, auc, trainer) in new[] { ("lgbm", 0.91, "LightGbm"), ("fasttree", 0.87, "FastTree"), ("logreg", 0.62, "LogReg") })
        {
            var (_, run) = await PostAsync(a, "/api/2.0/mlflow/runs/create", $$"""{"experiment_id": "{{experimentId}}", "start_time": 1700000000000, "run_name": "{{name}}"}""");
            var runId = run.GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!;
            runIds.Add(runId);
            var (batchStatus, _) = await PostAsync(b, "/api/2.0/mlflow/runs/log-batch", $$"""
                {"run_id": "{{runId}}",
                 "metrics": [{"key": "auc", "value": {{auc}}, "timestamp": 1700000000123, "step": 1},
                             {"key": "loss", "value": "NaN", "timestamp": 1700000000123, "step": 1},
                             {"key": "auc", "value": 0.5, "timestamp": 1700000000100, "step": 0}],
                 "params": [{"key": "trainer", "value": "{{trainer}}"}],
                 "tags": [{"key": "stage", "value": "candidate"}]}
                """);
            Assert.Equal(200, batchStatus);
        }

        var (searchStatus, found) = await PostAsync(b, "/api/2.0/mlflow/runs/search", $$"""
            {"experiment_ids": ["{{experimentId}}"], "filter": "metrics.auc > 0.6 AND tags.stage = 'candidate'", "order_by": ["metrics.auc DESC"], "max_results": 10}
            """);
        Assert.Equal(200, searchStatus);
        var runs = found.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(["lgbm", "fasttree", "logreg"], runs.Select(r => r.GetProperty("info").GetProperty("run_name").GetString()));
        var best = runs[0].GetProperty("data").GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "auc");
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.91), BitConverter.DoubleToInt64Bits(best.GetProperty("value").GetDouble()));
        Assert.Equal(1, best.GetProperty("step").GetInt64());

        // LIKE is case-sensitive and ILIKE is not, as in MLflow, on this engine too.
        Assert.Equal(["fasttree"], await RunNamesAsync(a, experimentId, "params.trainer LIKE '%Tree'"));
        Assert.Empty(await RunNamesAsync(a, experimentId, "params.trainer LIKE 'lightgbm'"));
        Assert.Equal(["lgbm"], await RunNamesAsync(a, experimentId, "params.trainer ILIKE 'lightgbm'"));

        var (_, history) = await GetAsync(a, $"/api/2.0/mlflow/metrics/get-history?run_id={runIds[0]}&metric_key=auc");
        Assert.Equal([0.5, 0.91], history.GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("value").GetDouble()));

        // Both replicas register versions of one model at once: distinct numbers, all readable from either.
        await PostAsync(a, "/api/2.0/mlflow/registered-models/create", """{"name": "churn-model"}""");
        var registered = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => PostAsync(i % 2 == 0 ? a : b, "/api/2.0/mlflow/model-versions/create",
            $$"""{"name": "churn-model", "source": "runs:/{{runIds[i % 3]}}/model", "run_id": "{{runIds[i % 3]}}"}""")));
        Assert.All(registered, r => Assert.Equal(200, r.Status));
        Assert.Equal(["1", "2", "3", "4", "5", "6"], registered.Select(r => r.Body.GetProperty("model_version").GetProperty("version").GetString()).Order(StringComparer.Ordinal));

        var (versionsStatus, versions) = await GetAsync(b, "/api/2.0/mlflow/model-versions/search?filter=name%3D%27churn-model%27&max_results=100");
        Assert.Equal(200, versionsStatus);
        Assert.Equal(6, versions.GetProperty("model_versions").GetArrayLength());

        // It all lives in PostgreSQL, none of it in either project's embedded SQLite file.
        Assert.Equal(3, await PostgresCountAsync("SELECT COUNT(*) FROM tracking_runs"));
        Assert.Equal(6, await PostgresCountAsync("SELECT COUNT(*) FROM model_versions WHERE model_name = 'churn-model'"));
        foreach (var (root, _, _) in _servers)
        {
            Assert.Equal(0, EmbeddedCount(root, "SELECT COUNT(*) FROM tracking_runs") + EmbeddedCount(root, "SELECT COUNT(*) FROM model_versions"));
        }
    }

    private async Task<long> PostgresCountAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static long EmbeddedCount(string root, string sql)
    {
        var file = Path.Combine(root, ".churnops", "metadata.db");
        if (!File.Exists(file))
        {
            return 0;
        }

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static async Task<List<string?>> RunNamesAsync(HttpClient client, string experimentId, string filter)
    {
        var request = JsonSerializer.Serialize(new Dictionary<string, object> { ["experiment_ids"] = new[] { experimentId }, ["filter"] = filter, ["order_by"] = new[] { "attributes.run_name ASC" } });
        var (status, body) = await PostAsync(client, "/api/2.0/mlflow/runs/search", request);
        Assert.Equal(200, status);
        return body.TryGetProperty("runs", out var runs) ? runs.EnumerateArray().Select(r => r.GetProperty("info").GetProperty("run_name").GetString()).ToList() : [];
    }

    private static async Task<(int Status, JsonElement Body)> PostAsync(HttpClient client, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        return ((int)response.StatusCode, await ReadAsync(response));
    }

    private static async Task<(int Status, JsonElement Body)> GetAsync(HttpClient client, string pathAndQuery)
    {
        using var response = await client.GetAsync(new Uri(pathAndQuery, UriKind.Relative));
        return ((int)response.StatusCode, await ReadAsync(response));
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
