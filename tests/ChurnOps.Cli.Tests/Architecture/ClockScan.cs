using System.Text.RegularExpressions;

namespace ChurnOps.Cli.Tests.Architecture;

/// <summary>
/// Finds reads of the machine clock in source text (time comes from TimeProvider, so tests can move it). Comment lines
/// are skipped: a comment may name the thing it avoids.
/// </summary>
internal static partial class ClockScan
{
    /// <summary>"path: DateTime.UtcNow" once per distinct clock read in the file.</summary>
    public static IReadOnlyList<string> Violations(string path, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return [.. source.Split('\n')
            .Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal) && !line.TrimStart().StartsWith('*'))
            .SelectMany(line => ClockRead().Matches(line))
            .Select(match => $"{path}: {Regex.Replace(match.Value, @"\s+", string.Empty)}")
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Every clock read under <paramref name="srcDirectory"/> (*.cs, build output excluded), paths relative to it.</summary>
    public static IReadOnlyList<string> ScanTree(string srcDirectory)
    {
        var separator = Path.DirectorySeparatorChar;
        return [.. Directory.EnumerateFiles(srcDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !file.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
            .SelectMany(file => Violations(Path.GetRelativePath(srcDirectory, file).Replace(separator, '/'), File.ReadAllText(file)))
            .Order(StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"\bDateTime(Offset)?\s*\.\s*(UtcNow|Now|Today)\b")]
    private static partial Regex ClockRead();
}
