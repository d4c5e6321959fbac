namespace ChurnOps.Core.Contracts;

public sealed record ContractSupportChannel(string Channel, string? Tool, string? Url);
