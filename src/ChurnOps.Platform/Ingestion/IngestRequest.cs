namespace ChurnOps.Platform.Ingestion;

/// <summary>Files (CSV or Parquet, globs allowed) to load into a table; the contract defaults to &lt;project&gt;/contracts/&lt;Table&gt;.yaml.</summary>
public sealed record IngestRequest(string Table, IReadOnlyList<string> Files, string? ContractPath);
