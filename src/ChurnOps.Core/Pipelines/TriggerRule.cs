namespace ChurnOps.Core.Pipelines;

/// <summary>When a step runs, given how the steps it needs ended (Airflow's trigger rules).</summary>
public enum TriggerRule
{
    /// <summary>Every needed step succeeded (the default); otherwise the step is skipped.</summary>
    AllSuccess,

    /// <summary>Every needed step ended, however: clean-up and notification steps.</summary>
    AllDone,

    /// <summary>At least one needed step failed: an on-failure handler; skipped when all succeeded.</summary>
    OneFailed,
}
