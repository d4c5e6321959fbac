namespace ChurnOps.Platform.Registry.Cards;

/// <summary>Model Card Toolkit's model_parameters: the architecture, the data it learned from and was tested on, and its inputs.</summary>
public sealed record ModelCardParameters(
    string ModelArchitecture,
    IReadOnlyDictionary<string, string> Hyperparameters,
    IReadOnlyList<ModelCardDataset> Data,
    IReadOnlyList<ModelCardFeature> Features,
    string InputFormat,
    string OutputFormat);
