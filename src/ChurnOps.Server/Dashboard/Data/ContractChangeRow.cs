namespace ChurnOps.Server.Dashboard.Data;

/// <summary>One difference between two versions of a contract; breaking changes need consumer sign-off.</summary>
internal sealed record ContractChangeRow(string Severity, string Path, string Message);
