namespace ChurnOps.Storage.Warehouse;

/// <summary>DuckDB's error texts, cut for the one-line errors ChurnOps shows.</summary>
internal static class DuckDbMessage
{
    /// <summary>The first line, at most 300 characters: later lines carry context such as the failing SQL.</summary>
    public static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
