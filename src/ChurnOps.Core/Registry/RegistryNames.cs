namespace ChurnOps.Core.Registry;

/// <summary>The spellings statuses and stages have in storage, in the CLI and on MLflow's wire.</summary>
public static class RegistryNames
{
    public static string Status(ModelVersionStatus status) => status switch
    {
        ModelVersionStatus.Approved => "approved",
        ModelVersionStatus.Rejected => "rejected",
        _ => "pending_approval",
    };

    public static ModelVersionStatus ParseStatus(string? text) => text switch
    {
        "approved" => ModelVersionStatus.Approved,
        "rejected" => ModelVersionStatus.Rejected,
        _ => ModelVersionStatus.PendingApproval,
    };

    public static string Stage(ModelStage stage) => stage.ToString();

    /// <summary>A stage as MLflow clients send it (case-insensitive, as MLflow accepts it); false for anything else.</summary>
    public static bool TryParseStage(string? text, out ModelStage stage)
    {
        stage = ModelStage.None;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        foreach (var candidate in Enum.GetValues<ModelStage>())
        {
            if (string.Equals(candidate.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                stage = candidate;
                return true;
            }
        }

        return false;
    }
}
