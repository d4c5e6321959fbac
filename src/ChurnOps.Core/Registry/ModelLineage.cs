namespace ChurnOps.Core.Registry;

/// <summary>Everything needed to rebuild a model version: data, features, code and randomness.</summary>
public sealed record ModelLineage(
    string? DatasetVersion,
    IReadOnlyDictionary<string, string> FeatureViewVersions,
    string? TrainingSetHash,
    string? CodeVersion,
    int Seed,
    string? LabelColumn,
    string? SignatureJson)
{
    /// <summary>Every dataset version the training read (labels, sources); <see cref="DatasetVersion"/> is the labels'.</summary>
    public IReadOnlyList<string> DatasetVersions { get; init; } = [];

    /// <summary>The data contract version the inputs were checked against, when one applied.</summary>
    public string? ContractVersion { get; init; }

    /// <summary>How the decision threshold was chosen (max_f1, precision_at:0.8…) and the threshold it chose.</summary>
    public string? ThresholdPolicy { get; init; }

    public double? Threshold { get; init; }

    /// <summary>The run that produced the version (the winning candidate's run).</summary>
    public string? SourceRunId { get; init; }

    /// <summary>The table or training-set description the rows came from.</summary>
    public string? TrainingSource { get; init; }
}
