namespace ChurnOps.Core.Registry;

/// <summary>A parsed registry search: every clause must hold (AND), ordered by <see cref="OrderBy"/> then the natural key.</summary>
public sealed record RegistryQuery(IReadOnlyList<RegistryFilterClause> Filter, IReadOnlyList<RegistryOrder> OrderBy, int MaxResults, int Offset)
{
    public const int MaxPageSize = 1000;

    public static RegistryQuery All { get; } = new([], [], MaxPageSize, 0);
}
