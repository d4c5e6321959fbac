namespace ChurnOps.Core.Tracking.Search;

/// <summary>One order_by term, e.g. "metrics.auc DESC".</summary>
public sealed record SearchOrder(SearchEntity Entity, string Key, bool Ascending);
