namespace ChurnOps.Core.Tracking;

/// <summary>Soft deletion, as in MLflow: deleted experiments and runs stay restorable.</summary>
public static class LifecycleStage
{
    public const string Active = "active";
    public const string Deleted = "deleted";
}
