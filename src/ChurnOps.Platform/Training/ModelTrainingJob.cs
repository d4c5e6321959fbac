using ChurnOps.Training.Candidates;

namespace ChurnOps.Platform.Training;

/// <summary>
/// One training request. <see cref="Table"/> null trains on the project's point-in-time training set (model.labels joined
/// to the model's feature view as of each label time); a schema.table trains on that warehouse table as it is.
/// </summary>
public sealed record ModelTrainingJob(
    string? Table,
    string ModelName,
    string Label,
    string Experiment,
    int Seed,
    string User)
{
    /// <summary>Columns to leave out besides the ones every training leaves out (ingestion bookkeeping, and for the project's set the keys and label time).</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Candidates to train; empty takes model.trainers.</summary>
    public IReadOnlyList<string> Trainers { get; init; } = [];

    /// <summary>Share of rows held out for the test report; null takes model.test_fraction.</summary>
    public double? TestFraction { get; init; }

    /// <summary>A warehouse table (schema.table) held out as the test split as it is; null cuts the test split off the rows by <see cref="TestFraction"/>.</summary>
    public string? TestTable { get; init; }

    /// <summary>The label value that means churn (e.g. "Yes", "Exited"); null reads 0/1, true/false, yes/no.</summary>
    public string? PositiveLabel { get; init; }

    public int SearchTrials { get; init; } = 4;

    public int CrossValidationFolds { get; init; } = 3;

    public ThresholdPolicy Threshold { get; init; } = ThresholdPolicy.MaxF1;

    /// <summary>The dataset version the rows came from, when the caller knows it (the quickstart's labels load).</summary>
    public string? DatasetVersion { get; init; }

    /// <summary>Whether a winner becomes a new version of <see cref="ModelName"/>.</summary>
    public bool Register { get; init; } = true;
}
