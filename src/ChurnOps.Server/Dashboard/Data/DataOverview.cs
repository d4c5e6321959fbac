namespace ChurnOps.Server.Dashboard.Data;

/// <summary>The Data page: every contract, the recent loads (dataset versions) and the SLA history.</summary>
internal sealed record DataOverview(IReadOnlyList<ContractRow> Contracts, IReadOnlyList<LoadRow> Loads, IReadOnlyList<SlaEvent> SlaHistory);
