namespace ChurnOps.Core.Contracts;

public sealed record ContractChange(ContractChangeSeverity Severity, string Path, string Message)
{
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()}: {Path}: {Message}";
}
