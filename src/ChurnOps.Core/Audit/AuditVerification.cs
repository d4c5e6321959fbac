namespace ChurnOps.Core.Audit;

/// <summary>The result of walking the chain: how many entries, and the first one that breaks it with what is wrong.</summary>
public sealed record AuditVerification(long Entries, long? BrokenId, string? Problem)
{
    public bool Intact => BrokenId is null;
}
