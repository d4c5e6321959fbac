namespace ChurnOps.Core.Registry;

public enum ApprovalDecision
{
    Approve,
    Reject,
}
