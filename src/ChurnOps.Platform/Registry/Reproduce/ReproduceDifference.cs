namespace ChurnOps.Platform.Registry.Reproduce;

/// <summary>One thing that differs between a version's recorded lineage and its re-run ("data changed", "code changed"…), in words.</summary>
public sealed record ReproduceDifference(string Kind, string Detail)
{
    public const string DataChanged = "data changed";
    public const string FeatureViewChanged = "feature view changed";
    public const string CodeChanged = "code changed";
    public const string DefinitionChanged = "training set definition changed";
    public const string TrainingFailed = "training failed";
    public const string TrainerNondeterminism = "trainer nondeterminism";
    public const string ScoresDiffer = "scores differ";

    public override string ToString() => $"{Kind}: {Detail}";
}
