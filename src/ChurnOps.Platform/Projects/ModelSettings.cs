namespace ChurnOps.Platform.Projects;

public sealed class ModelSettings
{
    public string Name { get; set; } = "churn";

    /// <summary>The contract-checked table the model learns from (the hand-off table).</summary>
    public string Table { get; set; } = "features.customer_features";

    public string Label { get; set; } = "churned";

    /// <summary>The warehouse table (schema.table) of observed labels: entity, label time and label, one row per observation.</summary>
    public string Labels { get; set; } = "staging.labels";

    /// <summary>The column of <see cref="Labels"/> holding when each label was observed; features are joined as of that time.</summary>
    public string LabelTime { get; set; } = "event_timestamp";

    public string Entity { get; set; } = "customer_id";

    public List<string> Trainers { get; set; } = ["lightgbm", "logreg"];

    public int Seed { get; set; } = 42;

    public double TestFraction { get; set; } = 0.2;

    public List<string> Exclude { get; set; } = [];

    /// <summary>Columns whose values split the test set for the model card's per-segment metrics (e.g. region, plan).</summary>
    public List<string> Segments { get; set; } = [];
}
