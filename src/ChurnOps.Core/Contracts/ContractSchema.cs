namespace ChurnOps.Core.Contracts;

/// <summary>One ODCS schema object (a table) with its properties (columns) and table-level quality rules.</summary>
public sealed record ContractSchema
{
    public required string Name { get; init; }

    public string? PhysicalName { get; init; }

    public string? PhysicalType { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<ContractProperty> Properties { get; init; } = [];

    public IReadOnlyList<ContractQualityRule> Quality { get; init; } = [];

    /// <summary>The warehouse table name (physical name when given).</summary>
    public string TableName => string.IsNullOrWhiteSpace(PhysicalName) ? Name : PhysicalName;

    /// <summary>Primary key columns in key order.</summary>
    public IReadOnlyList<ContractProperty> PrimaryKey =>
        Properties.Where(p => p.PrimaryKey).OrderBy(p => p.PrimaryKeyPosition ?? int.MaxValue).ToList();

    public ContractProperty? FindProperty(string name) =>
        Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
