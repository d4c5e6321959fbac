using System.Globalization;
using System.Text;

namespace ChurnOps.Core.Tracking;

/// <summary>
/// Opaque page tokens, like MLflow's: base64 of an offset. Clients pass them back unchanged; anything else is rejected.
/// </summary>
public static class PageToken
{
    private const string Prefix = "offset:";

    public static string Encode(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + offset.ToString(CultureInfo.InvariantCulture)));

    public static bool TryDecode(string? token, out int offset, out string? error)
    {
        offset = 0;
        error = null;
        if (string.IsNullOrEmpty(token))
        {
            return true;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith(Prefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out offset))
            {
                return true;
            }
        }
        catch (FormatException)
        {
            // Falls through to the error below: a malformed token is bad input, not a crash.
        }

        error = $"Invalid page token '{token}'.";
        return false;
    }
}
