using ChurnOps.Core.Tracking.Search;

namespace ChurnOps.Core.Tracking;

public sealed record ExperimentQuery(IReadOnlyList<SearchClause> Filter, IReadOnlyList<SearchOrder> OrderBy, ViewType ViewType, int MaxResults, int Offset);
