namespace ChurnOps.Platform.Serving.Files;

/// <summary>
/// Score one file (CSV or Parquet, by extension) into another. <paramref name="IdColumn"/> null means the project's
/// entity key when the file has it, otherwise no id column (output rows follow input order). <paramref name="Log"/>
/// also appends every prediction to monitoring.predictions (source = file). <paramref name="Shard"/> scores only that
/// shard's contiguous range of input rows (null: every row).
/// </summary>
public sealed record FileScoreRequest(ModelReference Model, string InputPath, string OutputPath, string? IdColumn, bool Log, RowShard? Shard = null);
