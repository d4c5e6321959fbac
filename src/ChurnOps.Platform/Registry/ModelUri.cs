using System.Globalization;
using ChurnOps.Core.Registry;

namespace ChurnOps.Platform.Registry;

/// <summary>
/// MLflow's model URIs: <c>models:/NAME/VERSION</c>, <c>models:/NAME@ALIAS</c>, and as MLflow also accepts them
/// <c>models:/NAME/latest</c> and <c>models:/NAME/STAGE</c>. Exactly one of version, alias, stage or latest is set.
/// </summary>
public sealed record ModelUri(string Name, int? Version, string? Alias, ModelStage? Stage, bool Latest)
{
    public const string Scheme = "models:/";

    public static bool IsModelUri(string? text) => text?.TrimStart().StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) == true;

    public static (ModelUri? Uri, string? Error) Parse(string text)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (!IsModelUri(trimmed))
        {
            return (null, $"'{Shorten(trimmed)}' is not a model URI (expected models:/NAME/VERSION or models:/NAME@ALIAS)");
        }

        var rest = trimmed[Scheme.Length..].TrimStart('/');
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            var name = rest[..at];
            var alias = rest[(at + 1)..];
            if (name.Length == 0 || alias.Length == 0 || name.Contains('/', StringComparison.Ordinal) || alias.Contains('/', StringComparison.Ordinal))
            {
                return (null, $"model URI '{Shorten(trimmed)}': expected models:/NAME@ALIAS with a non-empty name and alias");
            }

            return (new ModelUri(name, null, alias, null, false), null);
        }

        var slash = rest.LastIndexOf('/');
        if (slash <= 0 || slash == rest.Length - 1)
        {
            return (null, $"model URI '{Shorten(trimmed)}': expected models:/NAME/VERSION or models:/NAME@ALIAS");
        }

        var model = rest[..slash];
        var suffix = rest[(slash + 1)..];
        if (int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version > 0
                ? (new ModelUri(model, version, null, null, false), null)
                : (null, $"model URI '{Shorten(trimmed)}': version must be a positive whole number");
        }

        if (suffix.Equals("latest", StringComparison.OrdinalIgnoreCase))
        {
            return (new ModelUri(model, null, null, null, true), null);
        }

        return RegistryNames.TryParseStage(suffix, out var stage)
            ? (new ModelUri(model, null, null, stage, false), null)
            : (null, $"model URI '{Shorten(trimmed)}': '{Shorten(suffix)}' is not a version number (nor 'latest' or a stage: None, Staging, Production, Archived); use models:/{model}@ALIAS for an alias");
    }

    public override string ToString() =>
        Alias is not null ? $"{Scheme}{Name}@{Alias}"
        : Version is { } v ? $"{Scheme}{Name}/{v.ToString(CultureInfo.InvariantCulture)}"
        : Latest ? $"{Scheme}{Name}/latest"
        : $"{Scheme}{Name}/{Stage}";

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "…";
}
