namespace ChurnOps.Core.Tracking.Search;

/// <summary>The prefix of a search identifier: metrics., params., tags., attributes. or datasets. (runs only).</summary>
public enum SearchEntity
{
    Metric,
    Param,
    Tag,
    Attribute,
    Dataset,
}
