using System.Net.Http.Json;
using System.Text.Json;
using ChurnOps.Core.Alerts;

namespace ChurnOps.Platform.Alerts;

/// <summary>
/// POSTs the alert as JSON to a team's webhook, retrying failures (5xx, 408, 429, network errors) with exponential
/// backoff. Client errors other than those are not retried. Returns the last error when every attempt failed.
/// </summary>
public sealed class WebhookAlertSink(HttpClient http, Uri url, TimeProvider time, int maxAttempts = 4, TimeSpan? baseDelay = null) : IAlertSink
{
    private readonly TimeSpan _baseDelay = baseDelay ?? TimeSpan.FromSeconds(1);

    public string Name => "webhook " + url;

    public async Task<string?> DeliverAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        string? error = null;
        for (var attempt = 1; attempt <= Math.Max(1, maxAttempts); attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(_baseDelay * Math.Pow(2, attempt - 2), time, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                using var response = await http.PostAsJsonAsync(url, new
                {
                    type = alert.Type,
                    id = alert.Id,
                    subject = alert.Subject,
                    rule = alert.Rule,
                    measured = alert.Measured,
                    threshold = alert.Threshold,
                    team = alert.Team,
                    message = alert.Message,
                    raisedAt = alert.RaisedAt,
                    cause = alert.Cause,
                    severity = alert.Severity,
                    status = alert.Status,
                    runbook = alert.Runbook,
                    evidence = Evidence(alert.EvidenceJson),
                }, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return null;
                }

                var code = (int)response.StatusCode;
                error = $"{url} answered {code} {response.ReasonPhrase} (attempt {attempt})";
                if (code < 500 && code is not 408 and not 429)
                {
                    return error;
                }
            }
            catch (HttpRequestException ex)
            {
                error = $"{url}: {ex.Message} (attempt {attempt})";
            }
        }

        return error;
    }

    /// <summary>The evidence as a JSON value in the payload (not a string of JSON), so receivers can read it as is.</summary>
    private static JsonElement? Evidence(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
