namespace ChurnOps.Core.Contracts;

/// <summary>
/// An ODCS <c>quality</c> entry. Library rules (rowCount, nullValues, missingValues, invalidValues, duplicateValues,
/// validValues) carry one comparison (mustBe, mustBeGreaterThan…); sql rules carry a query; text rules are documentation.
/// </summary>
public sealed record ContractQualityRule
{
    /// <summary>library, sql, text or custom.</summary>
    public string Type { get; init; } = "library";

    public string? Rule { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? Dimension { get; init; }

    public string? Severity { get; init; }

    /// <summary>rows or percent (for nullValues, duplicateValues…).</summary>
    public string? Unit { get; init; }

    public string? Query { get; init; }

    public string? Engine { get; init; }

    public IReadOnlyList<string>? ValidValues { get; init; }

    public QualityComparison? Comparison { get; init; }

    public IReadOnlyDictionary<string, object?> Extensions { get; init; } = new Dictionary<string, object?>();

    /// <summary>"rule (comparison)" for messages.</summary>
    public string Describe() => (Name ?? Rule ?? Type) + (Comparison is null ? string.Empty : " " + Comparison.Describe());
}
