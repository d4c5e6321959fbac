namespace ChurnOps.Core.Warehouse;

/// <summary>A file's rows in the warehouse: <see cref="Sql"/> selects them until this is disposed, or <see cref="Error"/> says why not.</summary>
public sealed class FileRows : IAsyncDisposable
{
    private readonly Func<ValueTask>? _release;

    public FileRows(string sql, Func<ValueTask>? release)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        Sql = sql;
        _release = release;
    }

    private FileRows(string error)
    {
        Sql = string.Empty;
        Error = error;
    }

    /// <summary>A SELECT of every row of the file, columns in the file's order.</summary>
    public string Sql { get; }

    /// <summary>Why the file could not be read (one line), or null.</summary>
    public string? Error { get; }

    public static FileRows Unreadable(string error) => new(error);

    public ValueTask DisposeAsync() => _release?.Invoke() ?? ValueTask.CompletedTask;
}
