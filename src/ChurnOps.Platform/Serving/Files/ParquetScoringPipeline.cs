using System.Globalization;
using System.Text;
using ChurnOps.Core.Data;
using ChurnOps.Training.Scoring;
using Parquet;
using Parquet.Schema;

namespace ChurnOps.Platform.Serving.Files;

/// <summary>
/// Parquet in, CSV or Parquet out, one row group at a time: the model's input columns of a group are read typed (no
/// text round trip), scored in parallel chunks, and the group's output is written (as one output row group for Parquet)
/// before the next group is read, so memory follows the row-group size, not the file size. Values mean what they mean
/// in a CSV cell (strings in a numeric column are parsed the same way; timestamps are UTC); the first bad value stops
/// the run with its row number. The caller owns the output stream and throws it away on an error.
/// </summary>
internal static class ParquetScoringPipeline
{
    public static async Task<CsvScoreOutcome> RunAsync(
        ScoringEngine engine, int modelVersion, Stream input, Stream output, bool parquetOutput, string? idColumn, string? defaultIdColumn, bool keepForLog, CancellationToken cancellationToken)
    {
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(input, leaveStreamOpen: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            return CsvScoreOutcome.Failed("not a readable Parquet file: " + FirstLine(ex.Message));
        }

        await using (reader.ConfigureAwait(false))
        {
            var fields = reader.Schema.Fields.ToList();
            if (fields.FirstOrDefault(f => f.SchemaType != SchemaType.Data || ((DataField)f).IsArray) is { } nested)
            {
                return CsvScoreOutcome.Failed($"column '{nested.Name}' is nested (list, map or struct); only flat columns can be scored");
            }

            var dataFields = fields.Cast<DataField>().ToList();
            var (layout, layoutError) = CsvInputLayout.Create(dataFields.Select(f => f.Name).ToList(), engine.Signature, idColumn, defaultIdColumn);
            if (layout is null)
            {
                return CsvScoreOutcome.Failed(layoutError!);
            }

            var idField = layout.IdField >= 0 ? dataFields[layout.IdField] : null;
            var writer = parquetOutput
                ? await ParquetScoreWriter.CreateAsync(output, layout.IdName, idField, modelVersion, cancellationToken).ConfigureAwait(false)
                : (IScoreWriter)new CsvScoreWriter(output, layout.IdName, modelVersion);
            await using (writer.ConfigureAwait(false))
            {
                long rows = 0, positive = 0;
                double sum = 0;
                var logged = new List<CsvChunkResult>();

                // The next row group is read while this one is scored and written: reading is one thread's work, so
                // on its own it would leave the other cores idle between groups. At most two groups are held at once.
                var next = reader.RowGroupCount > 0 ? ReadGroupAsync(reader, 0, layout, dataFields, idField, cancellationToken) : null;
                try
                {
                    for (var group = 0; group < reader.RowGroupCount; group++)
                    {
                        var read = await next!.ConfigureAwait(false);
                        next = null;
                        if (read.Error is { } error)
                        {
                            return CsvScoreOutcome.Failed(read.ErrorRow is { } row ? $"row {rows + row + 1}: {error}" : error);
                        }

                        if (group + 1 < reader.RowGroupCount)
                        {
                            var following = group + 1;
                            next = Task.Run(() => ReadGroupAsync(reader, following, layout, dataFields, idField, cancellationToken), cancellationToken);
                        }

                        var (columns, ids, count) = (read.Columns!, read.Ids, read.Rows);
                        var probabilities = count == 0 ? [] : engine.ScoreBatch(new TabularData(columns));
                        var groupPositive = 0L;
                        var groupSum = 0.0;
                        for (var r = 0; r < count; r++)
                        {
                            groupPositive += probabilities[r] >= engine.Threshold ? 1 : 0;
                            groupSum += probabilities[r];
                        }

                        await writer.WriteAsync(ids, probabilities, engine.Threshold, cancellationToken).ConfigureAwait(false);
                        rows += count;
                        positive += groupPositive;
                        sum += groupSum;
                        if (keepForLog)
                        {
                            logged.Add(new CsvChunkResult { Rows = count, Ids = ids?.Texts, Probabilities = probabilities });
                        }
                    }
                }
                finally
                {
                    // A failure or cancellation mid-file: the group still being read uses the reader, so it finishes first.
                    if (next is not null)
                    {
                        try
                        {
                            await next.ConfigureAwait(false);
                        }
                        catch (Exception ex) when (ex is OperationCanceledException || IsUnreadable(ex))
                        {
                            // Already failing; the first problem is the one reported.
                        }
                    }
                }

                return new CsvScoreOutcome(null, rows, positive, sum, layout.IdName, logged);
            }
        }
    }

    /// <summary>One row group's model inputs and ids; an error (with the row it names, within the group) stops the run.</summary>
    private static async Task<GroupRead> ReadGroupAsync(
        ParquetReader reader, int group, CsvInputLayout layout, List<DataField> dataFields, DataField? idField, CancellationToken cancellationToken)
    {
        using var rowGroup = reader.OpenRowGroupReader(group);
        var count = checked((int)rowGroup.RowCount);
        var columns = new List<TabularColumn>(layout.Inputs.Count);
        for (var i = 0; i < layout.Inputs.Count; i++)
        {
            var spec = layout.Inputs[i];
            var field = layout.FieldOfInput[i] >= 0 ? dataFields[layout.FieldOfInput[i]] : null;
            TabularColumn? column;
            (long Row, string Message)? error;
            try
            {
                (column, error) = await ParquetColumnReader.ReadAsync(rowGroup, field, spec, count, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsUnreadable(ex))
            {
                return new GroupRead(null, null, 0, $"row group {group + 1}: column '{spec.Name}' is not readable: {FirstLine(ex.Message)}", null);
            }

            if (column is null)
            {
                return new GroupRead(null, null, 0, error!.Value.Message, error.Value.Row);
            }

            columns.Add(column);
        }

        try
        {
            var ids = idField is null ? null : await ParquetColumnReader.ReadIdsAsync(rowGroup, idField, count, cancellationToken).ConfigureAwait(false);
            return new GroupRead(columns, ids, count, null, null);
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            return new GroupRead(null, null, 0, $"row group {group + 1}: column '{idField!.Name}' is not readable: {FirstLine(ex.Message)}", null);
        }
    }

    /// <summary>
    /// What a damaged or unsupported Parquet file makes the reader throw: the library's own exceptions (Thrift, Parquet)
    /// and the framework ones its decoders raise on bad bytes; never a cancellation.
    /// </summary>
    private static bool IsUnreadable(Exception ex) =>
        ex is IOException or InvalidDataException or NotSupportedException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or OverflowException
        || (ex.GetType().Namespace?.StartsWith("Parquet", StringComparison.Ordinal) ?? false);

    private static string FirstLine(string message)
    {
        var line = message.ReplaceLineEndings("\n").Split('\n')[0];
        return line.Length <= 200 ? line : line[..200] + "…";
    }
}
