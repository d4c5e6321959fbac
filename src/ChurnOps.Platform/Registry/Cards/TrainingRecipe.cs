namespace ChurnOps.Platform.Registry.Cards;

/// <summary>
/// Everything a training was given, recorded with the version so `reproduce` can run it again and a model card can say
/// what the model learned from. <see cref="Table"/> null means the project's point-in-time training set
/// (<see cref="Labels"/> joined to <see cref="View"/> as of <see cref="LabelTime"/>).
/// </summary>
public sealed record TrainingRecipe(
    string? Table,
    string Source,
    string Label,
    string Labels,
    string Entity,
    string LabelTime,
    string View,
    IReadOnlyList<string> Exclude,
    string Trainer,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<string> Trainers,
    int Seed,
    double TestFraction,
    double ValidationFraction,
    int SearchTrials,
    int CrossValidationFolds,
    int CardinalityCap,
    double? TargetPrecision,
    string? CodeVersion,
    string DataHash,
    IReadOnlyDictionary<string, string> FeatureViewVersions,
    string? DatasetVersion,
    int Rows,
    int Positives,
    int TrainRows,
    int ValidationRows,
    int TestRows,
    IReadOnlyList<string> Features)
{
    /// <summary>The table held out as the test split as given (`train --test-table`); null when the test split was cut off the rows.</summary>
    public string? TestTable { get; init; }

    /// <summary>The label value declared positive (`train --positive`); null when the label was read as 0/1, true/false or yes/no.</summary>
    public string? PositiveLabel { get; init; }
}
