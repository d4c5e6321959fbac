using System.Globalization;

namespace ChurnOps.Server.Dashboard.Rendering;

/// <summary>How values read on every page: invariant culture, UTC times, numbers with thousands separators.</summary>
internal static class DashboardFormat
{
    public static string Time(DateTimeOffset? at) =>
        at is null ? "—" : at.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Month, day and time, for tight spaces (chart boxes).</summary>
    public static string ShortTime(DateTimeOffset? at) =>
        at is null ? "—" : at.Value.UtcDateTime.ToString("MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A &lt;time&gt; element, machine-readable, or a dash.</summary>
    public static void Time(HtmlWriter w, DateTimeOffset? at)
    {
        if (at is null)
        {
            w.Text("—");
            return;
        }

        w.Element("time", Time(at), ("datetime", at.Value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)));
    }

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Number(double? value) =>
        value is null || double.IsNaN(value.Value) ? "—" : Math.Abs(value.Value) >= 1e6 || (value.Value != 0 && Math.Abs(value.Value) < 1e-4)
            ? value.Value.ToString("0.####E+0", CultureInfo.InvariantCulture)
            : value.Value.ToString("0.####", CultureInfo.InvariantCulture);

    public static string Millis(long? unixMillis) =>
        unixMillis is null or 0 ? "—" : Time(DateTimeOffset.FromUnixTimeMilliseconds(unixMillis.Value));
}
