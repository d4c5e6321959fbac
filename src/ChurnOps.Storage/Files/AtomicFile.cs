namespace ChurnOps.Storage.Files;

/// <summary>
/// Writes a file whole or not at all: the content goes to a temporary file beside it, is flushed to disk, and is renamed
/// over the target; a failed write removes the temporary file. Readers never see a half-written file.
/// </summary>
public static class AtomicFile
{
    /// <summary>Temporary files end in this, so listings can skip them.</summary>
    public const string TemporarySuffix = ".tmp";

    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> writeContent, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(writeContent);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + TemporarySuffix;
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await writeContent(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover temporary file is harmless: listings skip *.tmp.
        }
    }
}
