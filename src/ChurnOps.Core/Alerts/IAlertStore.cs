namespace ChurnOps.Core.Alerts;

public interface IAlertStore
{
    /// <summary>Stores the alert and returns it with its id.</summary>
    Task<Alert> AddAsync(Alert alert, CancellationToken cancellationToken);

    Task<IReadOnlyList<Alert>> ListAsync(string? type, int max, CancellationToken cancellationToken);
}
