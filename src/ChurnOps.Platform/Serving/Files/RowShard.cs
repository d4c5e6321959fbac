using System.Globalization;

namespace ChurnOps.Platform.Serving.Files;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> for batch scoring across processes: a contiguous range of data rows
/// by position (blank lines are not rows), so part 0, 1, … N-1 concatenated in order (each after its header) equal the
/// single-process output row for row. Ranges rather than modulo keep that combine step a plain concatenation.
/// </summary>
public sealed record RowShard(int Index, int Count)
{
    /// <summary>Parses "INDEX/COUNT" (0 ≤ INDEX &lt; COUNT), as in `--shard 2/4` or a Kubernetes Indexed Job's completion index.</summary>
    public static (RowShard? Shard, string? Error) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return (null, $"--shard '{TerminalSafe(text)}': expected INDEX/COUNT with whole numbers, such as 0/4");
        }

        if (count < 1)
        {
            return (null, $"--shard {index}/{count}: the count must be at least 1");
        }

        return index >= count
            ? (null, $"--shard {index}/{count}: the index must be between 0 and {count - 1}")
            : (new RowShard(index, count), null);
    }

    /// <summary>The first data row (0-based) of this shard out of <paramref name="rows"/>.</summary>
    public long First(long rows) => (long)((Int128)rows * Index / Count);

    /// <summary>The data row just after this shard's last one.</summary>
    public long End(long rows) => (long)((Int128)rows * (Index + 1) / Count);

    /// <summary>"scores.csv" → "scores.part-2-of-4.csv": each process writes its own part next to the others.</summary>
    public string PartPath(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var extension = Path.GetExtension(output);
        return string.Create(CultureInfo.InvariantCulture, $"{output[..^extension.Length]}.part-{Index}-of-{Count}{extension}");
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    private static string TerminalSafe(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
