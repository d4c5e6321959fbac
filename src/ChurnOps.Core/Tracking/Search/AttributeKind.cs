namespace ChurnOps.Core.Tracking.Search;

public enum AttributeKind
{
    Text,
    Number,
}
