namespace ChurnOps.Server.Dashboard.Data;

/// <summary>One load of a table (a dataset version): the counts that add up, read = accepted + quarantined.</summary>
internal sealed record LoadRow(string Table, string Version, string? ContractId, string? ContractVersion, DateTimeOffset LoadedAt, long RowsRead, long RowsAccepted, long RowsQuarantined, IReadOnlyList<string> Files);
