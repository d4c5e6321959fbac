using System.Globalization;
using System.Text;

namespace ChurnOps.Cli.Output;

/// <summary>
/// What the CLI does to text that may carry user data (file content, names, values) before it reaches a terminal:
/// control characters are shown escaped (an ESC or BEL from a CSV header must not retitle or recolour the user's
/// terminal; a newline must not split the one-line error) and long text is cut with its original length, so a
/// 10 MB line cannot become a 10 MB error.
/// </summary>
internal static class TerminalText
{
    /// <summary>The most characters of one value (a table cell) that are printed.</summary>
    public const int MaxValueLength = 200;

    /// <summary>The most characters of one printed line (a message that embeds values).</summary>
    public const int MaxLineLength = 1000;

    public static string Value(string? text) => Clean(text, MaxValueLength);

    public static string Line(string? text) => Clean(text, MaxLineLength);

    private static string Clean(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var cut = text.Length > maxLength;
        var kept = cut ? maxLength - (char.IsHighSurrogate(text[maxLength - 1]) ? 1 : 0) : text.Length;
        var builder = new StringBuilder(kept + 32);
        for (var i = 0; i < kept; i++)
        {
            var c = text[i];
            if (IsUnsafe(c))
            {
                builder.Append(c switch
                {
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ when c <= '\u00FF' => "\\x" + ((int)c).ToString("X2", CultureInfo.InvariantCulture),
                    _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                });
            }
            else
            {
                builder.Append(c);
            }
        }

        if (cut)
        {
            builder.Append("… (").Append(text.Length.ToString("N0", CultureInfo.InvariantCulture)).Append(" chars)");
        }

        return builder.ToString();
    }

    // C0 and C1 controls and DEL drive terminals; the bidirectional overrides and isolates can make text read
    // differently from what it is (a file name shown reversed).
    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
