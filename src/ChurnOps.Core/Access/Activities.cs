namespace ChurnOps.Core.Access;

/// <summary>
/// The activities a project's RACI assigns (churnops.yaml `access.raci`), spelled as churnops.yaml spells them. Every
/// mutation, over HTTP or the CLI, is one of these; a caller may perform it when its team is Responsible or Accountable.
/// </summary>
public static class Activities
{
    public const string Ingest = "ingest";
    public const string ContractChange = "contract_change";
    public const string ContractApproval = "contract_approval";
    public const string FeatureChange = "feature_change";
    public const string Train = "train";
    public const string Register = "register";
    public const string Approve = "approve";
    public const string Deploy = "deploy";
    public const string Rollback = "rollback";
    public const string Retrain = "retrain";
    public const string ApiChange = "api_change";
    public const string AlertAck = "alert_ack";
    public const string Monitor = "monitor";
    public const string PipelineRun = "pipeline_run";
    public const string Delete = "delete";
    public const string AccessAdmin = "access_admin";

    /// <summary>Every activity, in the order the RACI lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Ingest, ContractChange, ContractApproval, FeatureChange, Train, Register, Approve, Deploy, Rollback, Retrain,
        ApiChange, AlertAck, Monitor, PipelineRun, Delete, AccessAdmin,
    ];

    public static bool IsKnown(string? name) => name is not null && All.Contains(name, StringComparer.Ordinal);
}
