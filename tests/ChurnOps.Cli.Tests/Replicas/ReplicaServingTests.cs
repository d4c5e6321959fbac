using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Npgsql;

namespace ChurnOps.Cli.Tests.Replicas;

/// <summary>
/// Two real `churnops serve` replicas on 127.0.0.1, each on its own copy of one team-mode project (PostgreSQL metadata
/// and warehouse, Redis online store, S3 artifacts): an alias move reaches both within seconds, and when one is killed
/// mid-load the other answers every request sent to it and every acknowledged prediction lands in the shared log.
/// </summary>
public sealed partial class ReplicaServingTests(ReplicaProjectFixture fixture) : IClassFixture<ReplicaProjectFixture>, IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task ModelsAlias_TwoReplicasOnePostgres_BothAnswerWithTheNewVersionWithinSeconds()
    {
        await fixture.RunAsync("models", "alias", "churn", "champion", "1", "-C", fixture.ProjectDir);
        await using var first = await StartReplicaAsync("r1");
        await using var second = await StartReplicaAsync("r2");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var replica in new[] { first, second })
        {
            Assert.Equal(1, await ServedVersionAsync(http, replica));
        }

        var command = Stopwatch.StartNew();
        await fixture.RunAsync("models", "alias", "churn", "champion", "2", "-C", fixture.ProjectDir);
        var commandTook = command.Elapsed;
        var moved = Stopwatch.StartNew();
        var reached = await Task.WhenAll(new[] { first, second }.Select(async replica =>
        {
            while (await ServedVersionAsync(http, replica) != 2)
            {
                Assert.True(moved.Elapsed < TimeSpan.FromSeconds(30), $"{replica.Process.Name} still serves version 1 {moved.Elapsed} after the alias moved");
                await Task.Delay(50);
            }

            return moved.Elapsed;
        }));

        Console.WriteLine($"alias propagation: {reached[0].TotalSeconds:0.00}s and {reached[1].TotalSeconds:0.00}s after 'churnops models alias' returned (the command itself took {commandTook.TotalSeconds:0.00}s)");
        // Once moved, it stays moved on both (no replica flips back to a stale entry).
        foreach (var replica in new[] { first, second })
        {
            Assert.Equal(2, await ServedVersionAsync(http, replica));
        }
    }

    [Fact]
    public async Task Serve_OneOfTwoReplicasKilledMidLoad_TheOtherAnswersEveryRequestAndNoAcknowledgedPredictionIsLost()
    {
        await using var victim = await StartReplicaAsync("victim");
        await using var survivor = await StartReplicaAsync("survivor");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var body = await OneRowRequestAsync(http, survivor.Url);
        var run = "kill-" + Guid.NewGuid().ToString("N")[..8];
        var answered = new ConcurrentDictionary<string, ConcurrentBag<string>>();
        var survivorFailures = new ConcurrentBag<string>();
        var killed = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        var survivorAfterKill = 0;
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        // Four clients per replica send single-row requests with unique ids; the victim's stop at its first failure,
        // the survivor's go on until they have sent a bounded number after the kill.
        var clients = new[] { victim, survivor }.SelectMany(replica => Enumerable.Range(0, 4).Select(client => Task.Run(async () =>
        {
            var request = body.DeepClone().AsObject();
            var acked = answered.GetOrAdd(replica.Process.Name, _ => []);
            for (var i = 0; i < 20_000 && !bound.IsCancellationRequested; i++)
            {
                if (replica == survivor && killed.Task.IsCompleted && Volatile.Read(ref survivorAfterKill) >= 400)
                {
                    return;
                }

                var id = $"{run}-{replica.Process.Name}-{client}-{i}";
                request["id"] = id;
                try
                {
                    using var response = await http.PostAsync(new Uri(replica.Url, "/v2/models/churn/infer"), new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"), bound.Token);
                    var text = await response.Content.ReadAsStringAsync(bound.Token);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        acked.Add(id);
                        if (replica == survivor && killed.Task.IsCompleted)
                        {
                            Interlocked.Increment(ref survivorAfterKill);
                        }
                    }
                    else if (replica == survivor)
                    {
                        survivorFailures.Add($"{id}: {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}");
                    }
                    else
                    {
                        return;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
                {
                    if (replica == survivor)
                    {
                        survivorFailures.Add($"{id}: {ex.GetType().Name} {ex.Message}");
                    }

                    return;
                }
            }
        }))).ToList();

        // Kill the victim once both replicas have answered a good number, while its clients are still sending.
        while ((Count(answered, "victim") < 400 || Count(answered, "survivor") < 400) && !bound.IsCancellationRequested)
        {
            await Task.Delay(10);
        }

        await victim.Process.KillAsync();
        killed.SetResult(DateTimeOffset.UtcNow);
        await Task.WhenAll(clients);
        Assert.True(survivorFailures.IsEmpty, $"{survivorFailures.Count} requests to the surviving replica failed, e.g. {string.Join(" | ", survivorFailures.Take(3))}");
        Assert.True(survivorAfterKill >= 400, $"the survivor answered only {survivorAfterKill} requests after the kill");
        var victimAcked = answered["victim"].ToList();
        var survivorAcked = answered["survivor"].ToList();
        Assert.True(victimAcked.Count >= 400, $"the victim answered only {victimAcked.Count} before the kill");

        // The survivor's predictions reach the shared log while it runs (bounded wait for its writer).
        var waited = Stopwatch.StartNew();
        while ((await LoggedAsync(run)).Keys.Count(id => id.Contains("-survivor-", StringComparison.Ordinal)) < survivorAcked.Count)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "the survivor's acknowledged predictions did not all reach the shared log within 60 s");
            await Task.Delay(200);
        }

        // The victim's acknowledged predictions are durable in its journal; its next start (same volume) replays them.
        var beforeRestart = (await LoggedAsync(run)).Keys.Count(id => id.Contains("-victim-", StringComparison.Ordinal));
        await using (var restarted = await StartReplicaAsync("victim"))
        {
            await restarted.Process.KillAsync();
        }

        var logged = await LoggedAsync(run);
        var lost = victimAcked.Concat(survivorAcked).Where(id => !logged.ContainsKey(id)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {victimAcked.Count + survivorAcked.Count} acknowledged predictions are not in the shared log, e.g. {string.Join(", ", lost.Take(5))}");
        var twice = logged.Where(l => l.Value != 1).Select(l => l.Key).ToList();
        Assert.True(twice.Count == 0, $"{twice.Count} predictions were logged more than once, e.g. {string.Join(", ", twice.Take(5))}");
        Console.WriteLine($"replica kill: victim acked {victimAcked.Count} ({beforeRestart} in the shared log before its restart replayed the journal), survivor acked {survivorAcked.Count} with 0 failures ({survivorAfterKill} after the kill)");
    }

    public void Dispose() => _dir.Dispose();

    private static int Count(ConcurrentDictionary<string, ConcurrentBag<string>> answered, string replica) =>
        answered.TryGetValue(replica, out var ids) ? ids.Count : 0;

    /// <summary>A replica on its own copy of the project (its own journal), started once; a second call with the same name restarts on that copy.</summary>
    private async Task<Replica> StartReplicaAsync(string name)
    {
        var dir = _dir.Sub(name);
        if (!Directory.Exists(dir))
        {
            ProjectCopy.Into(fixture.ProjectDir, dir);
        }

        var process = ReplicaProcess.Start(name, dir, fixture.ReplicaEnvironment, "serve", "-C", dir, "--port", "0");
        var banner = await process.WaitForLineAsync(l => l.StartsWith("ChurnOps serving ", StringComparison.Ordinal), TimeSpan.FromSeconds(120), "serving banner");
        return new Replica(process, new Uri(ServedUrl().Match(banner).Groups[1].Value));
    }

    private static async Task<int> ServedVersionAsync(HttpClient http, Replica replica)
    {
        using var answer = await http.PostAsJsonAsync(new Uri(replica.Url, "/api/v1/predict/churn"), new { rows = new[] { new { customer_id = "C0000007" } } });
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{replica.Process.Name}: {(int)answer.StatusCode} {body}");
        return JsonNode.Parse(body)!["predictions"]![0]!["model_version"]!.GetValue<int>();
    }

    /// <summary>A valid one-row OIP request built from the model's metadata (numbers 1.5, texts "value").</summary>
    private static async Task<JsonObject> OneRowRequestAsync(HttpClient http, Uri url)
    {
        var metadata = (await http.GetFromJsonAsync<JsonObject>(new Uri(url, "/v2/models/churn")))!;
        var tensors = new JsonArray();
        foreach (var input in metadata["inputs"]!.AsArray())
        {
            var datatype = input!["datatype"]!.GetValue<string>();
            JsonNode value = datatype == "BYTES" ? JsonValue.Create("value") : JsonValue.Create(1.5);
            tensors.Add(new JsonObject { ["name"] = input["name"]!.GetValue<string>(), ["shape"] = new JsonArray(1), ["datatype"] = datatype, ["data"] = new JsonArray(value) });
        }

        return new JsonObject { ["inputs"] = tensors };
    }

    /// <summary>prediction_id → how many rows monitoring.predictions holds for it, for this test's ids.</summary>
    private async Task<Dictionary<string, long>> LoggedAsync(string run)
    {
        await using var connection = new NpgsqlConnection(fixture.WarehouseConnectionString);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT to_regclass('monitoring.predictions') IS NOT NULL", connection);
        if (!(bool)(await exists.ExecuteScalarAsync())!)
        {
            return [];
        }

        await using var command = new NpgsqlCommand("SELECT prediction_id, count(*) FROM monitoring.predictions WHERE prediction_id LIKE @run GROUP BY prediction_id", connection);
        command.Parameters.AddWithValue("run", run + "-%");
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    [GeneratedRegex(@" on (http://\S+)")]
    private static partial Regex ServedUrl();

    private sealed record Replica(ReplicaProcess Process, Uri Url) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Process.DisposeAsync();
    }
}
