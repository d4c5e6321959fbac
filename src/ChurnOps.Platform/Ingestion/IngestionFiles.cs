using System.Security.Cryptography;

namespace ChurnOps.Platform.Ingestion;

/// <summary>Resolves the files of a load (globs, existence, emptiness) and computes the content hash that names its dataset version.</summary>
internal static class IngestionFiles
{
    public static (IReadOnlyList<string> Files, string? Error) Resolve(IReadOnlyList<string> patterns, string baseDir)
    {
        if (patterns.Count == 0)
        {
            return ([], "no input files given");
        }

        var files = new List<string>();
        foreach (var pattern in patterns)
        {
            var full = Path.GetFullPath(pattern, baseDir);
            var name = Path.GetFileName(full);
            if (name.Contains('*', StringComparison.Ordinal) || name.Contains('?', StringComparison.Ordinal))
            {
                var dir = Path.GetDirectoryName(full)!;
                var matches = Directory.Exists(dir) ? Directory.GetFiles(dir, name).Order(StringComparer.Ordinal).ToList() : [];
                if (matches.Count == 0)
                {
                    return ([], $"{pattern}: no files match");
                }

                files.AddRange(matches);
                continue;
            }

            if (!File.Exists(full))
            {
                return ([], $"{pattern}: file not found");
            }

            files.Add(full);
        }

        files = files.Distinct(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            if (new FileInfo(file).Length == 0)
            {
                return ([], $"{file}: file is empty");
            }
        }

        return (files, null);
    }

    public static bool IsParquet(string file) => file.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".pq", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The column names of a CSV file's header and its delimiter (the most frequent of , ; tab | outside quotes).
    /// An error for a blank header or duplicate names.
    /// </summary>
    public static async Task<(IReadOnlyList<string> Names, string Delimiter, string? Error)> ReadCsvHeaderAsync(string file, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(file, detectEncodingFromByteOrderMarks: true);
        var line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? string.Empty;
        if (string.IsNullOrWhiteSpace(line))
        {
            return ([], ",", "line 1: the header row is empty");
        }

        var delimiter = ',';
        var bestCount = 0;
        foreach (var candidate in new[] { ',', ';', '\t', '|' })
        {
            var count = SplitHeader(line, candidate).Count - 1;
            if (count > bestCount)
            {
                delimiter = candidate;
                bestCount = count;
            }
        }

        var names = SplitHeader(line, delimiter);
        for (var i = 0; i < names.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(names[i]))
            {
                return ([], ",", $"line 1: header column {i + 1} has no name");
            }
        }

        var duplicate = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        return duplicate is not null
            ? ([], ",", $"line 1: header column '{Echo(duplicate.Key)}' appears twice")
            : (names, delimiter.ToString(), null);
    }

    private static List<string> SplitHeader(string line, char delimiter)
    {
        var names = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"')
            {
                if (quoted && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else
                {
                    quoted = !quoted;
                }
            }
            else if (c == delimiter && !quoted)
            {
                names.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        names.Add(current.ToString().Trim());
        return names;
    }

    /// <summary>SHA-256 over the files' content hashes in sorted order: the same bytes give the same version whatever the names or order.</summary>
    public static async Task<string> ContentHashAsync(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var perFile = new List<string>(files.Count);
        foreach (var file in files)
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan | FileOptions.Asynchronous);
            var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            perFile.Add(Convert.ToHexStringLower(hash));
        }

        return VersionOf(perFile);
    }

    /// <summary>The dataset version of files with these SHA-256 hashes (hex): order does not matter.</summary>
    public static string VersionOf(IEnumerable<string> fileHashes)
    {
        var perFile = fileHashes.ToList();
        perFile.Sort(StringComparer.Ordinal);
        var combined = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', perFile)));
        return Convert.ToHexStringLower(combined)[..16];
    }

    /// <summary>
    /// A value from the user's file as it may appear in a message: at most 200 characters, then an ellipsis and the
    /// original length (the CLI also escapes control characters when it prints).
    /// </summary>
    internal static string Echo(string value) =>
        value.Length <= 200 ? value : string.Concat(value.AsSpan(0, 200), "… (", value.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), " chars)");
}
