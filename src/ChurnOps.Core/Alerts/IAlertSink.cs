namespace ChurnOps.Core.Alerts;

/// <summary>One delivery channel (log, webhook…). Returns an error message instead of throwing; a failing sink never stops the others.</summary>
public interface IAlertSink
{
    string Name { get; }

    Task<string?> DeliverAsync(Alert alert, CancellationToken cancellationToken);
}
