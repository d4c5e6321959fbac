namespace ChurnOps.Core.Contracts;

/// <summary>Breaking: consumers or existing data can break. Warning: a constraint was loosened. Info: harmless additions.</summary>
public enum ContractChangeSeverity
{
    Info,
    Warning,
    Breaking,
}
