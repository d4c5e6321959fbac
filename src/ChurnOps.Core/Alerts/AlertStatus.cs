namespace ChurnOps.Core.Alerts;

/// <summary>An alert's life: raised open, acknowledged by someone working on it, resolved when the cause is gone.</summary>
public static class AlertStatus
{
    public const string Open = "open";
    public const string Acked = "acked";
    public const string Resolved = "resolved";

    /// <summary>Null when an alert in <paramref name="from"/> may move to <paramref name="to"/>; otherwise why not.</summary>
    public static string? TransitionError(string from, string to) => (from, to) switch
    {
        (Open, Acked) or (Open, Resolved) or (Acked, Resolved) => null,
        (Resolved, _) => "it is already resolved",
        (Acked, Acked) => "it is already acked",
        _ => $"an alert cannot go from {from} to {to}",
    };
}
