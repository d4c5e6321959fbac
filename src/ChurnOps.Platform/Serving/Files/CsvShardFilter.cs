using System.Buffers;

namespace ChurnOps.Platform.Serving.Files;

/// <summary>
/// Copies the header and one <see cref="RowShard"/>'s data records of a CSV file into another file, byte for byte.
/// Records end at a line break outside quotes (a quoted field may hold line breaks); blank lines are not records, as
/// in the scoring pipeline. Two passes: the first counts the records so the ranges cover every row exactly once.
/// </summary>
internal static class CsvShardFilter
{
    private const int BufferBytes = 1 << 16;

    public static async Task WriteAsync(string input, string output, RowShard shard, CancellationToken cancellationToken)
    {
        var rows = 0L;
        await ScanAsync(input, (_, _) => rows++, cancellationToken).ConfigureAwait(false);
        var first = shard.First(rows);
        var end = shard.End(rows);
        await using var sink = new FileStream(output, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferBytes);
        var index = 0L;
        await ScanAsync(input, (record, isHeader) =>
        {
            if (isHeader || (index >= first && index < end))
            {
                sink.Write(record);
            }

            index += isHeader ? 0 : 1;
        }, cancellationToken).ConfigureAwait(false);
        await sink.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private delegate void RecordHandler(ReadOnlySpan<byte> record, bool isHeader);

    /// <summary>Calls <paramref name="handle"/> with the header record, then with every non-blank data record (line break included).</summary>
    private static async Task ScanAsync(string path, RecordHandler handle, CancellationToken cancellationToken)
    {
        await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.SequentialScan);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        var record = new ArrayBufferWriter<byte>(1024);
        var quoted = false;
        var header = true;
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferBytes), cancellationToken).ConfigureAwait(false)) > 0)
            {
                var from = 0;
                for (var at = 0; at < read; at++)
                {
                    var b = buffer[at];
                    if (b == (byte)'"')
                    {
                        quoted = !quoted;
                    }
                    else if (b == (byte)'\n' && !quoted)
                    {
                        record.Write(buffer.AsSpan(from, at + 1 - from));
                        from = at + 1;
                        Emit(record, handle, ref header);
                    }
                }

                record.Write(buffer.AsSpan(from, read - from));
            }

            if (record.WrittenCount > 0)
            {
                // A last record without a line break still counts; the pipeline reads it the same way.
                record.Write("\n"u8);
                Emit(record, handle, ref header);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Emit(ArrayBufferWriter<byte> record, RecordHandler handle, ref bool header)
    {
        var span = record.WrittenSpan;
        var blank = span.SequenceEqual("\n"u8) || span.SequenceEqual("\r\n"u8);
        if (header || !blank)
        {
            handle(span, header);
        }

        header = false;
        record.ResetWrittenCount();
    }
}
