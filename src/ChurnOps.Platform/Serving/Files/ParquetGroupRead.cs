using ChurnOps.Core.Data;

namespace ChurnOps.Platform.Serving.Files;

/// <summary>One Parquet row group read for scoring: its model columns and ids, or the problem (Row set when it is a value's, counted from the group's first row).</summary>
internal sealed record ParquetGroupRead(int Rows, List<TabularColumn>? Columns, ParquetIds? Ids, (long? Row, string Message)? Error);
