namespace ChurnOps.Platform.Quickstart;

/// <summary>What the quickstart did, stage by stage; printed as tables or as JSON with --json.</summary>
public sealed record QuickstartSummary(
    string ProjectDir,
    IReadOnlyList<IngestSummary> Ingested,
    string FeatureView,
    string FeatureViewVersion,
    int FeatureCount,
    long TrainingRows,
    string TrainingSetHash,
    string ExperimentId,
    IReadOnlyList<CandidateSummary> Candidates,
    string? ChosenTrainer,
    string? ChosenRunId,
    int? ModelVersion,
    string? Alias,
    long RowsScored,
    double MeanChurnProbability,
    QuickstartLocations Locations,
    TimeSpan Elapsed);

public sealed record IngestSummary(string Table, long RowsRead, long RowsAccepted, long RowsQuarantined, string? DatasetVersion);

/// <param name="SelectionAuc">What the winner is chosen on: the train split's CV AUC and the validation AUC pooled by rows.</param>
public sealed record CandidateSummary(string Trainer, string RunId, double TestAuc, double TestAccuracy, double TestPrecision, double TestRecall, double ValidationAuc, bool PassedGates, IReadOnlyList<string> GateFailures, double SelectionAuc);

public sealed record QuickstartLocations(string Metadata, string Warehouse, string Artifacts, string ModelArtifact, string Data);
