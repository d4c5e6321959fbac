namespace ChurnOps.Core.Contracts;

/// <summary>The contract when the file has no errors, and every issue found (errors and warnings) either way.</summary>
public sealed record ContractParseResult(DataContract? Contract, IReadOnlyList<ContractIssue> Issues)
{
    public bool Succeeded => Contract is not null;

    public IEnumerable<ContractIssue> Errors => Issues.Where(i => i.Severity == ContractIssueSeverity.Error);

    /// <summary>The first error as one line, for callers that need a single message.</summary>
    public string? FirstError => Errors.Select(e => e.ToString()).FirstOrDefault();
}
