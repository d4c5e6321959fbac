namespace ChurnOps.Core.Registry;

/// <summary>Everything needed to rebuild a model version: data, features, code and randomness.</summary>
public sealed record ModelLineage(
    string? DatasetVersion,
    IReadOnlyDictionary<string, string> FeatureViewVersions,
    string? TrainingSetHash,
    string? CodeVersion,
    int Seed,
    string? LabelColumn,
    string? SignatureJson);
