using ChurnOps.Core.Contracts;

namespace ChurnOps.Platform.Contracts;

/// <summary>Published, Unchanged, PendingApproval (breaking without a major bump: consumers must sign off) or Refused (with Error).</summary>
public sealed record PublishOutcome(string Status, string Id, string Version, IReadOnlyList<ContractChange> Changes, IReadOnlyList<string> MissingApprovals, string? Error)
{
    public const string Published = "published";
    public const string Unchanged = "unchanged";
    public const string PendingApproval = "pending-approval";
    public const string Refused = "refused";

    public bool Succeeded => Status is Published or Unchanged;
}
