namespace ChurnOps.Core.Tracking.Search;

/// <summary>
/// One comparison of a filter. Exactly one of <see cref="Number"/>, <see cref="Text"/> or <see cref="List"/> is set,
/// except for IS [NOT] NULL which carries no value. Values are data: a store binds them as parameters, never as SQL.
/// </summary>
public sealed record SearchClause(SearchEntity Entity, string Key, SearchComparator Comparator, double? Number, string? Text, IReadOnlyList<string>? List);
