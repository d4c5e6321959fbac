namespace ChurnOps.Platform.Registry.Cards;

/// <summary>One dataset of the card (the training set, its test split): size, label balance and where it came from.</summary>
public sealed record ModelCardDataset(
    string Name,
    string Description,
    int Rows,
    int Positives,
    double PositiveRate,
    string? DatasetVersion,
    string? TrainingSetHash);
