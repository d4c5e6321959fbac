using System.Security.Cryptography;

namespace ChurnOps.Platform.Ingestion;

/// <summary>
/// The raw layer of a warehouse that reads local files in queries: each input file kept once, immutable, named by its
/// SHA-256 (<c>.churnops/raw/&lt;sha256&gt;.csv|parquet</c>). The copy is hashed while it is written and appears under its
/// name only when complete (a rename), so a crash leaves at most a temporary file, never a wrong or partial one.
/// </summary>
internal sealed class RawFileStore(string directory)
{
    private const string Incoming = ".incoming-";

    public string Directory { get; } = directory;

    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>
    /// A kept file's name as the raw view reads it: relative to the warehouse file's folder (the store lives beside
    /// it in the project's state folder), which the DuckDB warehouse searches, so the view survives a moved project.
    /// </summary>
    public string ViewPathOf(string name) => Path.GetFileName(Path.TrimEndingDirectorySeparator(Directory)) + "/" + name;

    public async Task<KeptRawFile> KeepAsync(string source, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var temp = Path.Combine(Directory, Incoming + Guid.NewGuid().ToString("N") + ".tmp");
        string hex;
        long size;
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan | FileOptions.Asynchronous))
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous))
            {
                var buffer = new byte[1 << 20];
                int read;
                while ((read = await input.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                }

                size = output.Length;
                output.Flush(flushToDisk: true);
            }

            hex = Convert.ToHexStringLower(sha.GetHashAndReset());
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        var name = hex + (IngestionFiles.IsParquet(source) ? ".parquet" : ".csv");
        var target = PathOf(name);
        if (File.Exists(target))
        {
            File.Delete(temp);
            return new KeptRawFile(source, name, hex, size, Created: false);
        }

        File.Move(temp, target, overwrite: false);
        if (!OperatingSystem.IsWindows())
        {
            // Read-only: the bytes under a content name must never change.
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        return new KeptRawFile(source, name, hex, size, Created: true);
    }

    /// <summary>Removes the copies this load added when it did not commit (a copy kept by an earlier load stays).</summary>
    public static void Forget(IEnumerable<KeptRawFile> kept, RawFileStore store)
    {
        foreach (var file in kept.Where(k => k.Created))
        {
            try
            {
                File.Delete(store.PathOf(file.Name));
            }
            catch (IOException)
            {
                // An orphan copy is harmless (content-named, unreferenced); the load's error matters more.
            }
        }
    }
}
