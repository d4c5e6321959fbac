using System.Globalization;

namespace ChurnOps.Platform.Registry.Reproduce;

/// <summary>
/// A model named as MLflow does: models:/NAME/VERSION or models:/NAME@ALIAS. (Minimal parse for `reproduce`; the
/// registry's own model references should replace it when they land.)
/// </summary>
public sealed record ModelUri(string Name, int? Version, string? Alias)
{
    private const string Scheme = "models:/";

    public override string ToString() => Version is { } v ? $"{Scheme}{Name}/{v.ToString(CultureInfo.InvariantCulture)}" : $"{Scheme}{Name}@{Alias}";

    /// <summary>The parsed URI, or a one-line reason naming the expected shapes.</summary>
    public static (ModelUri? Uri, string? Error) Parse(string? text)
    {
        const string Expected = "expected models:/NAME/VERSION or models:/NAME@ALIAS";
        if (string.IsNullOrWhiteSpace(text) || !text.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return (null, $"'{Echo(text)}' is not a model URI ({Expected})");
        }

        var rest = text[Scheme.Length..];
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (at > 0 && slash < 0 && at < rest.Length - 1 && IsName(rest[..at]) && IsName(rest[(at + 1)..]))
        {
            return (new ModelUri(rest[..at], null, rest[(at + 1)..]), null);
        }

        if (slash > 0 && at < 0 && IsName(rest[..slash]))
        {
            var version = rest[(slash + 1)..];
            return int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
                ? (new ModelUri(rest[..slash], number, null), null)
                : (null, $"'{Echo(version)}' in '{Echo(text)}' is not a version number (a whole number from 1)");
        }

        return (null, $"'{Echo(text)}' is not a model URI ({Expected})");
    }

    private static bool IsName(string part) => part.Length > 0 && !part.Any(c => char.IsControl(c) || c is '/' or '@');

    private static string Echo(string? text) => text is null ? string.Empty : text.Length <= 80 ? text : text[..80] + "…";
}
