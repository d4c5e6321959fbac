namespace ChurnOps.Core.Quality;

/// <summary>
/// One expectation in Great Expectations' vocabulary (<see cref="ExpectationType"/> holds the GE names) with the kwargs
/// ChurnOps supports. <see cref="Mostly"/> is the fraction of non-null values that must pass (over all rows for not_null).
/// </summary>
public sealed record Expectation(string Type)
{
    public string? Column { get; init; }

    /// <summary>For compound expectations (expect_compound_columns_to_be_unique).</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    public double? MinValue { get; init; }

    public double? MaxValue { get; init; }

    public bool StrictMin { get; init; }

    public bool StrictMax { get; init; }

    /// <summary>Values for in_set / not_in_set: strings, or numbers when they parse as numbers.</summary>
    public IReadOnlyList<string>? ValueSet { get; init; }

    public string? Regex { get; init; }

    /// <summary>For of_type: a warehouse type name (INTEGER, DOUBLE, VARCHAR…) or a GE/pandas alias (int64, float64, str).</summary>
    public string? TypeName { get; init; }

    public double? Mostly { get; init; }

    /// <summary>Where the expectation came from ("contract customers 1.0.0: customer_id required").</summary>
    public string? Source { get; init; }

    /// <summary>For sql rules: the query as written in the contract (placeholders not yet filled).</summary>
    public string? Query { get; init; }

    /// <summary>For sql rules: what the query's number must satisfy.</summary>
    public Contracts.QualityComparison? Comparison { get; init; }

    /// <summary>The rule's name in the contract, when it has one.</summary>
    public string? Name { get; init; }

    public override string ToString() => Type == ExpectationType.SqlQueryResult
        ? Type + "(" + string.Join(", ", new[] { Name, Column, Comparison?.Describe() }.Where(s => s is not null)) + ")"
        : Type + "(" + string.Join(", ", new[] { Column, Columns is null ? null : string.Join("+", Columns) }.Where(s => s is not null)) + ")";
}
