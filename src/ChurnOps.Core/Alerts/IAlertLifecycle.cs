namespace ChurnOps.Core.Alerts;

/// <summary>Deduplicated raising and the open → acked → resolved life of alerts (the monitoring side of the alert store).</summary>
public interface IAlertLifecycle
{
    /// <summary>
    /// Stores the alert unless one with the same <see cref="Alert.Cause"/> is still open or acked, atomically even
    /// against another process; returns the stored or the existing alert and whether it is new.
    /// </summary>
    Task<(Alert Alert, bool Created)> RaiseOnceAsync(Alert alert, CancellationToken cancellationToken);

    Task<Alert?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>Moves the alert to <paramref name="status"/>; an unknown id or a move <see cref="AlertStatus"/> forbids is an error value.</summary>
    Task<AlertTransition> TransitionAsync(long id, string status, string by, string? note, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Newest first, filtered by type and status when given.</summary>
    Task<IReadOnlyList<Alert>> ListAsync(string? type, string? status, int max, CancellationToken cancellationToken);
}
