using System.Net;
using System.Text;

namespace ChurnOps.Server.Tests.Deployments;

/// <summary>
/// A client of the infer endpoint that counts what matters to a user: requests sent, requests that did not get a 200,
/// and which deployment arm (x-deployment header) answered. Batches are bounded; the caller decides when to stop.
/// </summary>
internal sealed class TrafficLoop(HttpClient http, int seed)
{
    private readonly Random _random = new(seed);

    public int Sent { get; private set; }

    public List<string> Failures { get; } = [];

    public Dictionary<string, int> Arms { get; } = new(StringComparer.Ordinal);

    /// <summary>Sends <paramref name="count"/> requests, four at a time.</summary>
    public async Task SendAsync(int count)
    {
        var bodies = Enumerable.Range(0, count).Select(_ => CanaryServer.InferBody(_random)).ToList();
        foreach (var chunk in bodies.Chunk(4))
        {
            var answers = await Task.WhenAll(chunk.Select(SendOneAsync));
            foreach (var (status, arm, error) in answers)
            {
                Sent++;
                if (status != HttpStatusCode.OK)
                {
                    Failures.Add($"{(int)status}: {error}");
                }

                var key = arm ?? "none";
                Arms[key] = Arms.GetValueOrDefault(key) + 1;
            }
        }
    }

    private async Task<(HttpStatusCode Status, string? Arm, string? Error)> SendOneAsync(string body)
    {
        try
        {
            using var response = await http.PostAsync(new Uri("/v2/models/churn/infer", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
            var arm = response.Headers.TryGetValues("x-deployment", out var values) ? values.First() : null;
            return (response.StatusCode, arm, response.IsSuccessStatusCode ? null : await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException ex)
        {
            return (0, null, ex.Message);
        }
    }
}
