using System.Globalization;

namespace ChurnOps.Server.Dashboard.Experiments;

/// <summary>Where a page in the default order (newest first, then run id) ended: the last run's start time and id.</summary>
internal sealed record RunCursor(long StartTime, string RunId)
{
    public static bool TryParse(string? text, out RunCursor? cursor)
    {
        cursor = null;
        var dot = text?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (text is null || dot <= 0 || dot == text.Length - 1 || text.Length > 120
            || !long.TryParse(text.AsSpan(0, dot), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var start)
            || !text[(dot + 1)..].All(char.IsAsciiLetterOrDigit))
        {
            return false;
        }

        cursor = new RunCursor(start, text[(dot + 1)..]);
        return true;
    }

    public override string ToString() => StartTime.ToString(CultureInfo.InvariantCulture) + "." + RunId;
}
