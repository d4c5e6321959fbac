namespace ChurnOps.Server.Dashboard.Data;

/// <summary>A column of a contract's table and what the contract promises about it.</summary>
internal sealed record ContractPropertyRow(string Table, string Name, string? Type, bool Required, bool Unique, bool PrimaryKey, string? Classification, IReadOnlyList<string> Checks);
