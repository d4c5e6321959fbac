namespace ChurnOps.Core.Tracking;

/// <summary>MLflow's documented limits, so a batch MLflow accepts is accepted here and vice versa.</summary>
public static class TrackingLimits
{
    public const int MaxKeyLength = 250;
    public const int MaxExperimentNameLength = 500;
    public const int MaxParamValueLength = 6000;
    public const int MaxTagValueLength = 8000;
    public const int MaxExperimentTagValueLength = 5000;
    public const int MaxMetricsPerBatch = 1000;
    public const int MaxParamsPerBatch = 100;
    public const int MaxTagsPerBatch = 100;
    public const int MaxEntitiesPerBatch = 1000;
    public const int MaxSearchResults = 50000;
    public const int DefaultRunSearchResults = 1000;
    // metrics/get-history-bulk and get-history-bulk-interval (MLflow's handlers.py limits).
    public const int MaxRunsPerHistoryBulk = 100;
    public const int MaxHistoryBulkResults = 25000;
    public const int MaxHistoryIntervalResultsPerRun = 2500;
    // MLflow sets no bound on a filter; these keep every accepted filter within SQLite's statement limits
    // (500 terms in a compound SELECT, 32,766 bound parameters, 64 tables in a join) with room to spare.
    public const int MaxFilterClauses = 250;
    public const int MaxFilterListValues = 10000;
    public const int MaxOrderByTerms = 32;
    public const int MaxDatasetNameLength = 500;
    // MLflow allows 36; 64 also admits a full SHA-256 hex digest, which ChurnOps dataset versions use.
    public const int MaxDatasetDigestLength = 64;
    public const int MaxDatasetSourceLength = 65535;
    public const int MaxDatasetSchemaLength = 1048575;
    public const int MaxDatasetProfileLength = 16384;
}
