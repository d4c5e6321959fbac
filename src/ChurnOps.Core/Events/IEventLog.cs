namespace ChurnOps.Core.Events;

/// <summary>An append-only outbox of domain events, so no trigger is lost if a process dies.</summary>
public interface IEventLog
{
    Task<DomainEvent> AppendAsync(string type, string subject, string payloadJson, CancellationToken cancellationToken);

    Task<IReadOnlyList<DomainEvent>> ReadAfterAsync(long afterId, int max, CancellationToken cancellationToken);
}
