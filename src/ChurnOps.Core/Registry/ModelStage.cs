namespace ChurnOps.Core.Registry;

/// <summary>MLflow's (deprecated but still used) version stages; ChurnOps' own lifecycle is aliases plus approval.</summary>
public enum ModelStage
{
    None,
    Staging,
    Production,
    Archived,
}
