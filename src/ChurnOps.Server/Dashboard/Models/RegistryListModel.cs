namespace ChurnOps.Server.Dashboard.Models;

/// <summary>The Models page: every registered model, and the approval rule that applies to all of them.</summary>
internal sealed record RegistryListModel(ApprovalRule Approval, IReadOnlyList<RegistryModelRow> Models);
