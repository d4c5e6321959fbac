using ChurnOps.Training.Candidates;


namespace ChurnOps.Platform.Training;

/// <summary>What `churnops train` asks for: a warehouse table (schema.table), its label, columns to leave out and the candidates.</summary>
public sealed record TrainingJob(
    string Table,
    string Label,
    IReadOnlyList<string> Exclude,
    IReadOnlyList<string> Trainers,
    int Seed,
    double TestFraction,
    EvaluationGates Gates)
{
    public int SearchTrials { get; init; } = 4;

    public int CrossValidationFolds { get; init; } = 3;

    public ThresholdPolicy Threshold { get; init; } = ThresholdPolicy.MaxF1;
}
