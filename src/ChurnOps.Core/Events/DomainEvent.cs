namespace ChurnOps.Core.Events;

/// <summary>A persisted fact such as <c>data.customers.updated</c> or <c>model.churn.registered</c>; triggers read these.</summary>
public sealed record DomainEvent(long Id, string Type, string Subject, string PayloadJson, DateTimeOffset OccurredAt);
