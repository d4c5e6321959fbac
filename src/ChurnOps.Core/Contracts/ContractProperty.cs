namespace ChurnOps.Core.Contracts;

/// <summary>One column: its types, constraints (from ODCS <c>logicalTypeOptions</c> and library quality rules) and quality rules.</summary>
public sealed record ContractProperty
{
    public required string Name { get; init; }

    /// <summary>string, integer, number, boolean, date, timestamp, time, object, array.</summary>
    public string? LogicalType { get; init; }

    public string? PhysicalType { get; init; }

    public string? Description { get; init; }

    public bool Required { get; init; }

    public bool Unique { get; init; }

    public bool PrimaryKey { get; init; }

    public int? PrimaryKeyPosition { get; init; }

    public string? Classification { get; init; }

    public double? Minimum { get; init; }

    public double? Maximum { get; init; }

    public double? ExclusiveMinimum { get; init; }

    public double? ExclusiveMaximum { get; init; }

    public string? Pattern { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public string? Format { get; init; }

    /// <summary>Allowed values (logicalTypeOptions enum, or a validValues/invalidValues library rule).</summary>
    public IReadOnlyList<string>? ValidValues { get; init; }

    public IReadOnlyList<ContractQualityRule> Quality { get; init; } = [];

    /// <summary>Unique within a load: declared unique or the single-column primary key.</summary>
    public bool MustBeUnique => Unique || PrimaryKey;
}
