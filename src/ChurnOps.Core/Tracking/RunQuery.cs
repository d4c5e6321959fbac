using ChurnOps.Core.Tracking.Search;

namespace ChurnOps.Core.Tracking;

/// <summary>A parsed runs/search request. Offset comes from the decoded page token.</summary>
public sealed record RunQuery(
    IReadOnlyList<string> ExperimentIds,
    IReadOnlyList<SearchClause> Filter,
    IReadOnlyList<SearchOrder> OrderBy,
    ViewType ViewType,
    int MaxResults,
    int Offset);
