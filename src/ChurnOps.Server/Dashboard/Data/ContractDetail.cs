namespace ChurnOps.Server.Dashboard.Data;

/// <summary>
/// A contract: its versions, the shown version's columns, SLAs and quality rules, its YAML, and, when two versions are
/// picked, the changes from one to the other.
/// </summary>
internal sealed record ContractDetail(
    string Id,
    string Version,
    IReadOnlyList<string> Owners,
    IReadOnlyList<string> Consumers,
    IReadOnlyList<ContractVersionRow> Versions,
    IReadOnlyList<ContractPropertyRow> Properties,
    IReadOnlyList<string> Slas,
    IReadOnlyList<string> QualityRules,
    string Yaml,
    string? DiffFrom,
    string? DiffTo,
    IReadOnlyList<ContractChangeRow>? Changes,
    IReadOnlyList<LoadRow> Loads);
