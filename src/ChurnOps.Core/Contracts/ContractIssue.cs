namespace ChurnOps.Core.Contracts;

/// <summary>One lint finding: where (YAML path and line) and what.</summary>
public sealed record ContractIssue(ContractIssueSeverity Severity, string Path, int Line, string Message)
{
    public override string ToString() => $"{(Line > 0 ? "line " + Line + ", " : string.Empty)}{Path}: {Message}";
}
