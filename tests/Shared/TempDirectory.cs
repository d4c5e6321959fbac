namespace ChurnOps.Testing;

/// <summary>A fresh directory under the temp folder, deleted when the test ends. Linked into each test project that needs one.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "churnops-tests", Guid.NewGuid().ToString("N"));

    /// <summary>A path inside the directory (file or sub-directory; nothing is created).</summary>
    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // DuckDB may still hold a file for a moment; the OS temp cleaner takes it later.
        }
    }
}
