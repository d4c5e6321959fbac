namespace ChurnOps.Core.Tracking;

/// <summary>Which lifecycle stages a search returns (MLflow's ViewType).</summary>
public enum ViewType
{
    ActiveOnly,
    DeletedOnly,
    All,
}
