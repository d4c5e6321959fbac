using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChurnOps.Storage.Warehouse;

namespace ChurnOps.Cli.Tests;

/// <summary>
/// A real `churnops serve` process under concurrent load on 127.0.0.1 is killed (SIGKILL) mid-load and started again:
/// every prediction that was answered 200 is in monitoring.predictions exactly once.
/// </summary>
[Collection(QuickstartCollection.Name)]
public sealed partial class ServingCrashDurabilityTests(QuickstartFixture fixture) : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Serve_KilledMidLoad_EveryAnsweredPredictionIsLoggedExactlyOnceAfterRestart()
    {
        var project = _dir.Sub("project");
        ProjectCopy.Into(fixture.ProjectDir, project);

        var (server, url) = await StartServeAsync(project);
        var answered = new ConcurrentBag<string>();
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        var body = await OneRowRequestAsync(http);
        using var stopLoad = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        // Eight clients send single-row requests with unique ids until the server dies (or a bounded minute passes).
        var clients = Enumerable.Range(0, 8).Select(client => Task.Run(async () =>
        {
            var request = body.DeepClone().AsObject();
            for (var i = 0; i < 20_000 && !stopLoad.IsCancellationRequested; i++)
            {
                var id = $"crash-{client}-{i}";
                request["id"] = id;
                var json = request.ToJsonString();
                try
                {
                    using var response = await http.PostAsync("/v2/models/churn/infer", new StringContent(json, Encoding.UTF8, "application/json"), stopLoad.Token);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        await response.Content.ReadAsStringAsync(stopLoad.Token);
                        answered.Add(id);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
                {
                    return;
                }
            }
        })).ToList();

        // Kill once a good number of predictions are answered, while the clients are still sending.
        var deadline = Stopwatch.StartNew();
        while (answered.Count < 1_500 && deadline.Elapsed < TimeSpan.FromSeconds(60) && clients.Any(c => !c.IsCompleted))
        {
            await Task.Delay(10);
        }

        server.Kill(entireProcessTree: true);
        await server.WaitForExitAsync();
        await Task.WhenAll(clients);
        Assert.True(answered.Count >= 1_500, $"only {answered.Count} predictions were answered before the kill");

        // The next start replays the journal before it listens; kill it too once ready (the replay is committed by then).
        var (restarted, _) = await StartServeAsync(project);
        restarted.Kill(entireProcessTree: true);
        await restarted.WaitForExitAsync();

        var warehouse = await DuckDbWarehouse.OpenAsync(Path.Combine(project, ".churnops", "warehouse.duckdb"), CancellationToken.None);
        var logged = await warehouse.QueryAsync(
            "SELECT prediction_id, count(*)::DOUBLE AS n FROM monitoring.predictions WHERE prediction_id LIKE 'crash-%' GROUP BY prediction_id",
            CancellationToken.None);
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var row = 0; row < logged.RowCount; row++)
        {
            counts[logged["prediction_id"].Texts![row]!] = logged["n"].Numbers![row];
        }

        var lost = answered.Where(id => !counts.ContainsKey(id)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {answered.Count} answered predictions were lost, e.g. {string.Join(", ", lost.Take(5))}");
        var twice = counts.Where(c => c.Value != 1).Select(c => c.Key).ToList();
        Assert.True(twice.Count == 0, $"{twice.Count} predictions were logged more than once, e.g. {string.Join(", ", twice.Take(5))}");
    }

    public void Dispose() => _dir.Dispose();

    private static async Task<(Process Process, string Url)> StartServeAsync(string project)
    {
        var (process, line) = await CliProcess.StartWithLineAsync(project, "ChurnOps serving", "serve", "-C", project, "--port", "0");

        // Keep reading the server's output: a full pipe would block its console logger, and with it the requests.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return (process, ServedUrl().Match(line).Groups[1].Value);
    }

    /// <summary>A valid one-row request built from the model's metadata (numbers 1.5, texts "value").</summary>
    private static async Task<JsonObject> OneRowRequestAsync(HttpClient http)
    {
        var metadata = (await http.GetFromJsonAsync<JsonObject>("/v2/models/churn"))!;
        var tensors = new JsonArray();
        foreach (var input in metadata["inputs"]!.AsArray())
        {
            var datatype = input!["datatype"]!.GetValue<string>();
            JsonNode value = datatype == "BYTES" ? JsonValue.Create("value") : JsonValue.Create(1.5);
            tensors.Add(new JsonObject { ["name"] = input["name"]!.GetValue<string>(), ["shape"] = new JsonArray(1), ["datatype"] = datatype, ["data"] = new JsonArray(value) });
        }

        return new JsonObject { ["inputs"] = tensors };
    }

    [GeneratedRegex(@" on (http://\S+)")]
    private static partial Regex ServedUrl();
}
