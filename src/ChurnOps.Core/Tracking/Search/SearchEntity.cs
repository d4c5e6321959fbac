namespace ChurnOps.Core.Tracking.Search;

/// <summary>The prefix of a search identifier: metrics., params., tags. or attributes.</summary>
public enum SearchEntity
{
    Metric,
    Param,
    Tag,
    Attribute,
}
