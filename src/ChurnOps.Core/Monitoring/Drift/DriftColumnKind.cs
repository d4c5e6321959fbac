namespace ChurnOps.Core.Monitoring.Drift;

/// <summary>How a column is tested: numbers (ordered, binned) or categories (counted).</summary>
public enum DriftColumnKind
{
    Numeric,
    Categorical,
}
