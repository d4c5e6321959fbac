namespace ChurnOps.Core.Ownership;

/// <summary>
/// One hand-off between teams, as the ledger shows it: what is handed over (<see cref="Kind"/> and
/// <see cref="Subject"/>), by whom to whom, who answers for it, the service levels it promises, whether it holds
/// (<see cref="HandoffStatus"/> with the reason), who signed it off, and the alerts still open on it.
/// </summary>
/// <param name="Kind">One of <see cref="HandoffKind"/>.</param>
/// <param name="Subject">The object: "customers 1.0.0", "customer_features", "churn v3", "churn@champion".</param>
/// <param name="Producer">The team that hands over.</param>
/// <param name="Consumers">The teams that take it.</param>
/// <param name="Accountable">The team that answers for it.</param>
/// <param name="Sla">The promised service levels (freshness, gates, latency…).</param>
/// <param name="Status">green, amber or red.</param>
/// <param name="Reason">Why that status, in one line.</param>
/// <param name="SignOffs">Who signed it off (contract approvals, model approval, publication, deployment).</param>
/// <param name="OpenAlerts">Alerts on it that are open or acknowledged, newest first.</param>
public sealed record Handoff(
    string Kind,
    string Subject,
    string Producer,
    IReadOnlyList<string> Consumers,
    string Accountable,
    IReadOnlyList<HandoffSla> Sla,
    string Status,
    string Reason,
    IReadOnlyList<HandoffSignOff> SignOffs,
    IReadOnlyList<HandoffAlert> OpenAlerts)
{
    /// <summary>Whether <paramref name="team"/> produces, consumes or answers for this hand-off.</summary>
    public bool Involves(string team) =>
        string.Equals(Producer, team, StringComparison.Ordinal)
        || string.Equals(Accountable, team, StringComparison.Ordinal)
        || Consumers.Contains(team, StringComparer.Ordinal);
}
