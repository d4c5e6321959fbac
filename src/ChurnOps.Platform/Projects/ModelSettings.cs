namespace ChurnOps.Platform.Projects;

public sealed class ModelSettings
{
    public string Name { get; set; } = "churn";

    /// <summary>The contract-checked table the model learns from (the hand-off table).</summary>
    public string Table { get; set; } = "features.customer_features";

    public string Label { get; set; } = "churned";

    public string Entity { get; set; } = "customer_id";

    public List<string> Trainers { get; set; } = ["lightgbm", "logreg"];

    public int Seed { get; set; } = 42;

    public double TestFraction { get; set; } = 0.2;

    public List<string> Exclude { get; set; } = [];
}
