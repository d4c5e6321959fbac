namespace ChurnOps.Storage.Warehouse;

/// <summary>
/// Whether a CSV file has a line break inside a quoted value (so records and lines stop matching one to one). Reads
/// the bytes once: outside quotes only the next quote matters, inside only the next quote or line feed, both found by
/// vectorised search; a doubled quote toggles twice and so needs no special case.
/// </summary>
internal static class CsvLineBreaks
{
    public static async Task<bool> InQuotedValueAsync(string path, char quote, CancellationToken cancellationToken)
    {
        var q = (byte)quote;
        var buffer = new byte[1 << 20];
        var quoted = false;
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var span = buffer.AsSpan(0, read);
            while (!span.IsEmpty)
            {
                var next = quoted ? span.IndexOfAny(q, (byte)'\n') : span.IndexOf(q);
                if (next < 0)
                {
                    break;
                }

                if (span[next] == (byte)'\n')
                {
                    return true;
                }

                quoted = !quoted;
                span = span[(next + 1)..];
            }
        }

        return false;
    }
}
