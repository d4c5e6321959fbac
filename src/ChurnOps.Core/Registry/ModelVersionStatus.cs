namespace ChurnOps.Core.Registry;

/// <summary>Where a version stands in the ML → MLOps hand-off: registered, then signed off or turned down by the accountable team.</summary>
public enum ModelVersionStatus
{
    PendingApproval,
    Approved,
    Rejected,
}
