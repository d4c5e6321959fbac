using ChurnOps.Platform.Registry.Cards;
using ChurnOps.Platform.Registry.Lineage;

namespace ChurnOps.Server.Dashboard.Models;

/// <summary>
/// One version's page: the version row, its metrics and gate verdict, the decisions on it, whether it can still be
/// signed off (and why not), its model card (or why there is none) and its lineage.
/// </summary>
internal sealed record ModelVersionModel(
    string Name,
    VersionRow Version,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<string> GateFailures,
    IReadOnlyList<ApprovalRow> Approvals,
    ApprovalRule Approval,
    string? ApprovalBlocked,
    ModelCard? Card,
    string? CardError,
    ModelLineageReport Lineage);
