using System.Globalization;
using ChurnOps.Core.Alerts;
using ChurnOps.Core.Audit;

namespace ChurnOps.Platform.Audit;

/// <summary>
/// The alert store with its mutations recorded: a newly raised alert (<c>alert.raise</c>) and every ack or resolve
/// (<c>alert.ack</c>, <c>alert.resolve</c>), refused ones included, with the status before and after.
/// </summary>
internal sealed class AuditedAlertLifecycle(IAlertLifecycle inner, AuditTrail audit) : IAlertLifecycle
{
    public async Task<(Alert Alert, bool Created)> RaiseOnceAsync(Alert alert, CancellationToken cancellationToken)
    {
        var raised = await inner.RaiseOnceAsync(alert, cancellationToken).ConfigureAwait(false);
        if (raised.Created)
        {
            var stored = raised.Alert;
            await audit.RecordAsync("alert.raise", "alert", Id(stored.Id), AuditOutcome.Succeeded, null,
                new { stored.Type, stored.Subject, stored.Team, stored.Severity, stored.Status, stored.Runbook }, stored.Message, cancellationToken).ConfigureAwait(false);
        }

        return raised;
    }

    public Task<Alert?> GetAsync(long id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

    public async Task<AlertTransition> TransitionAsync(long id, string status, string by, string? note, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var before = await inner.GetAsync(id, cancellationToken).ConfigureAwait(false);
        var moved = await inner.TransitionAsync(id, status, by, note, at, cancellationToken).ConfigureAwait(false);
        var action = status switch
        {
            AlertStatus.Acked => "alert.ack",
            AlertStatus.Resolved => "alert.resolve",
            _ => "alert." + status,
        };
        await audit.RecordAsync(action, "alert", Id(id), moved.Succeeded ? AuditOutcome.Succeeded : AuditOutcome.Refused,
            before is null ? null : new { before.Status, before.Type, before.Subject, before.Team },
            moved.Alert is { } after && moved.Succeeded ? new { after.Status, by = after.StatusChangedBy, note = after.StatusNote } : null,
            moved.Error ?? note, cancellationToken).ConfigureAwait(false);
        return moved;
    }

    public Task<IReadOnlyList<Alert>> ListAsync(string? type, string? status, int max, CancellationToken cancellationToken) =>
        inner.ListAsync(type, status, max, cancellationToken);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
