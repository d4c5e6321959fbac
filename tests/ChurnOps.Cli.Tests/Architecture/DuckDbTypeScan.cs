using System.Text.RegularExpressions;

namespace ChurnOps.Cli.Tests.Architecture;

/// <summary>
/// Finds ChurnOps' own DuckDB classes (DuckDbWarehouse, DuckDbMessage…) named in source text. The PostgreSQL warehouse
/// must stand on engine-neutral helpers, not on the DuckDB warehouse; it may still use the DuckDB.NET library itself (an
/// in-memory DuckDB reads Parquet files), whose types are spelled DuckDB…, so they do not match. Comment lines are skipped.
/// </summary>
internal static partial class DuckDbTypeScan
{
    /// <summary>"path: Type" once per distinct ChurnOps DuckDB type named in the file.</summary>
    public static IReadOnlyList<string> Violations(string path, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return [.. source.Split('\n')
            .Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .SelectMany(line => DuckDbType().Matches(line))
            .Select(match => $"{path}: {match.Value}")
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Every ChurnOps DuckDB type named in the *.cs files under <paramref name="directory"/>, paths relative to it.</summary>
    public static IReadOnlyList<string> ScanTree(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => Violations(Path.GetRelativePath(directory, file).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllText(file)))
            .Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\bDuckDb[A-Z]\w*")]
    private static partial Regex DuckDbType();
}
