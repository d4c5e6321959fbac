using ChurnOps.Core.Data;

namespace ChurnOps.Platform.Training;

/// <summary>One training request on a prepared table (a training set or a staging table) with the lineage to record.</summary>
public sealed record ModelTrainingJob(
    TabularData Data,
    string ModelName,
    string Label,
    string? Entity,
    string Experiment,
    int Seed,
    string User,
    string? TrainingSetHash,
    IReadOnlyDictionary<string, string> FeatureViewVersions,
    string? DatasetVersion,
    IReadOnlyList<string>? Trainers = null,
    bool Register = true);
