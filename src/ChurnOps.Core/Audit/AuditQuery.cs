namespace ChurnOps.Core.Audit;

/// <summary>
/// A filter over the audit log, newest first. <see cref="Actor"/> matches the actor's name or team; <see cref="Object"/>
/// an object id (<c>churn/3</c>), anything under it (<c>churn</c> matches <c>churn/3</c>) or <c>kind:id</c>;
/// <see cref="Action"/> an action (<c>model_version.approve</c>) or its noun (<c>model_version</c>).
/// </summary>
public sealed record AuditQuery(DateTimeOffset? Since = null, string? Actor = null, string? Object = null, string? Action = null, int Max = 100)
{
    public const int MaxResults = 10_000;
}
