using System.Text.RegularExpressions;

namespace ChurnOps.Cli.Tests.Architecture;

/// <summary>
/// Finds SQL only DuckDB understands in source text: its file readers and reject tables, its catalog functions, ASOF
/// joins and COPY (query) TO file. Platform states its SQL portably and leaves these to Storage's engine roles.
/// Comment lines are skipped: a comment may name the thing it avoids.
/// </summary>
internal static partial class EngineSqlScan
{
    /// <summary>"path: token" once per distinct engine-only token in the file.</summary>
    public static IReadOnlyList<string> Violations(string path, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return [.. source.Split('\n')
            .Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal) && !line.TrimStart().StartsWith('*'))
            .SelectMany(line => EngineOnly().Matches(line))
            .Select(match => $"{path}: {Regex.Replace(match.Value, @"\s+", string.Empty).ToLowerInvariant()}")
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Every engine-only token in the *.cs files under <paramref name="directory"/> (build output excluded), paths relative to it.</summary>
    public static IReadOnlyList<string> ScanTree(string directory)
    {
        var separator = Path.DirectorySeparatorChar;
        return [.. Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !file.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
            .SelectMany(file => Violations(Path.GetRelativePath(directory, file).Replace(separator, '/'), File.ReadAllText(file)))
            .Order(StringComparer.Ordinal)];
    }

    // The snake_case names cannot be C# identifiers of this code base, so they match in any case; ASOF and COPY are
    // ordinary words (asOf, Copy) and match only as upper-case SQL, COPY only when a query follows.
    [GeneratedRegex(@"(?i:\b(read_csv(_auto)?|read_parquet|read_json(_auto)?|duckdb_[a-z_]+|store_rejects|rejects_table|rejects_scan|file_row_number|sniff_csv|parquet_scan)\b)|\bASOF\b|\bCOPY\s*\(")]
    private static partial Regex EngineOnly();
}
