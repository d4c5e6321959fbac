using System.Globalization;

namespace ChurnOps.Platform.Serving.Files;

/// <summary>A model named on the command line: NAME (the default alias), NAME@ALIAS, NAME:VERSION, models:/NAME/VERSION or models:/NAME@ALIAS.</summary>
public sealed record ModelReference(string Name, string? Alias, int? Version)
{
    public static (ModelReference? Reference, string? Error) Parse(string text, string defaultAlias)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultAlias);
        if (Registry.ModelUri.IsModelUri(text))
        {
            var (uri, error) = Registry.ModelUri.Parse(text!);
            return uri is null ? (null, error)
                : uri.Version is not null || uri.Alias is not null ? (new ModelReference(uri.Name, uri.Alias, uri.Version), null)
                : (null, $"model '{text}': name a version (models:/NAME/VERSION) or an alias (models:/NAME@ALIAS)");
        }

        var trimmed = text?.Trim() ?? string.Empty;
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        if (at >= 0 && colon >= 0)
        {
            return (null, $"model '{text}': give either @ALIAS or :VERSION, not both");
        }

        var split = Math.Max(at, colon);
        var name = split < 0 ? trimmed : trimmed[..split];
        if (name.Length == 0)
        {
            return (null, $"model '{text}': the model name is empty (expected NAME, NAME@ALIAS or NAME:VERSION)");
        }

        if (split < 0)
        {
            return (new ModelReference(name, defaultAlias, null), null);
        }

        var rest = trimmed[(split + 1)..];
        if (at >= 0)
        {
            return rest.Length == 0
                ? (null, $"model '{text}': the alias after '@' is empty")
                : (new ModelReference(name, rest, null), null);
        }

        return int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? (new ModelReference(name, null, version), null)
            : (null, $"model '{text}': the version after ':' must be a positive whole number");
    }

    public override string ToString() => Version is { } v ? $"{Name}:{v.ToString(CultureInfo.InvariantCulture)}" : $"{Name}@{Alias}";
}
