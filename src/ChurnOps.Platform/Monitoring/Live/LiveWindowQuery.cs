using System.Globalization;
using ChurnOps.Core.Warehouse;

namespace ChurnOps.Platform.Monitoring.Live;

/// <summary>SQL pieces for windows over monitoring.predictions: UTC timestamp literals and the window's filter.</summary>
internal static class LiveWindowQuery
{
    public static string Timestamp(DateTimeOffset value) =>
        "TIMESTAMP '" + value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "'";

    /// <summary>Predictions of <paramref name="model"/> (of one version when given) scored in [from, to).</summary>
    public static string Filter(string model, int? version, DateTimeOffset from, DateTimeOffset to, string alias = "") =>
        $"{alias}model_name = {SqlIdentifier.Literal(model)} AND {alias}scored_at >= {Timestamp(from)} AND {alias}scored_at < {Timestamp(to)}"
        + (version is { } v ? $" AND {alias}model_version = {v.ToString(CultureInfo.InvariantCulture)}" : string.Empty);

    /// <summary>
    /// Which window, counted back from the end (0 = the newest), holds a prediction scored <paramref name="age"/> before
    /// the end: window k is [end − (k+1)·window, end − k·window), so a prediction exactly on a boundary belongs to the newer one.
    /// </summary>
    public static int WindowOf(TimeSpan age, TimeSpan window, int windows) =>
        Math.Clamp((int)Math.Ceiling(age / window) - 1, 0, windows - 1);

    public static DateTimeOffset FromEpochSeconds(double seconds) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
}
