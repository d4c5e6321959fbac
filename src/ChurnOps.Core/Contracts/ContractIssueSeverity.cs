namespace ChurnOps.Core.Contracts;

public enum ContractIssueSeverity
{
    Error,
    Warning,
}
