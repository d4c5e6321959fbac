using ChurnOps.Core.Data;

namespace ChurnOps.Platform.Serving.Files;

/// <summary>One Parquet row group read for scoring: its input columns and ids, or the problem (and the row it is on, within the group).</summary>
internal sealed record GroupRead(List<TabularColumn>? Columns, ParquetIds? Ids, int Rows, string? Error, long? ErrorRow);
