namespace ChurnOps.Core.Registry;

/// <summary>
/// One comparison of a registry search filter: <see cref="Field"/> is name, run_id, source_path, version_number or tag
/// (then <see cref="TagKey"/> names it); <see cref="Operator"/> is =, !=, LIKE, ILIKE, IN or a numeric comparison.
/// </summary>
public sealed record RegistryFilterClause(string Field, string? TagKey, string Operator, IReadOnlyList<string> Values);
