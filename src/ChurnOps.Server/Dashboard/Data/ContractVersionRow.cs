namespace ChurnOps.Server.Dashboard.Data;

/// <summary>One version of a contract.</summary>
internal sealed record ContractVersionRow(string Version, string Status, string Source, DateTimeOffset? PublishedAt, string? PublishedBy);
