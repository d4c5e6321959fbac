using System.Globalization;

namespace ChurnOps.Cli.Commands.Models;

/// <summary>The VERSION argument of `models card` and `models lineage`: a whole number from 1, or a one-line reason.</summary>
internal static class CardVersionArgument
{
    public static (int? Version, string? Error) Parse(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? (version, null)
            : (null, $"version '{(text is { Length: > 40 } ? text[..40] + "…" : text)}' is not a version number (a whole number from 1)");
}
