using ChurnOps.Core.Alerts;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChurnOps.Platform.Alerts;

/// <summary>
/// Raises monitoring alerts to their owning team: one open alert per cause (a second raise of the same cause returns
/// the open one and delivers nothing), the runbook for its type, then delivery to the log and to the team's webhook with
/// retries. A failed delivery is reported with the alert, never thrown: the alert is recorded either way.
/// </summary>
public sealed class AlertRaiser(
    ProjectConfig config,
    IAlertLifecycle alerts,
    TimeProvider time,
    IAlertSink logSink,
    HttpClient? http = null,
    int webhookAttempts = 4,
    TimeSpan? webhookBaseDelay = null,
    ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public async Task<RaisedAlert> RaiseAsync(Alert alert, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var (stored, created) = await alerts.RaiseOnceAsync(alert with { Runbook = alert.Runbook ?? Runbooks.For(alert.Type) }, ct).ConfigureAwait(false);
        if (!created)
        {
            return new RaisedAlert(stored, false, []);
        }

        var errors = await AlertDelivery.DeliverAsync(SinksFor(stored.Team), stored, _logger, ct).ConfigureAwait(false);
        return new RaisedAlert(stored, true, errors);
    }

    private List<IAlertSink> SinksFor(string team)
    {
        var sinks = new List<IAlertSink> { logSink };
        foreach (var settings in config.Teams.Where(t => t.Name == team && !string.IsNullOrWhiteSpace(t.Webhook)))
        {
            if (http is not null && Uri.TryCreate(settings.Webhook!.Trim(), UriKind.Absolute, out var url))
            {
                sinks.Add(new WebhookAlertSink(http, url, time, webhookAttempts, webhookBaseDelay));
            }
        }

        return sinks;
    }
}
