namespace ChurnOps.Core.Features;

/// <summary>
/// A feature view as declared in features/&lt;name&gt;.yaml plus its SQL: one row per (entity, event timestamp),
/// valid for <see cref="Ttl"/> after that timestamp. <see cref="CreatedTimestampColumn"/> breaks ties between rows
/// that share an event timestamp (the later-created row wins), as in Feast.
/// </summary>
public sealed record FeatureViewDefinition(
    string Name,
    string Entity,
    string TimestampColumn,
    string? CreatedTimestampColumn,
    TimeSpan Ttl,
    string? Owner,
    string? Description,
    string Source,
    IReadOnlyList<FeatureDefinition> Features,
    string Sql)
{
    /// <summary>The warehouse table the view is built into.</summary>
    public string TableName => Name;

    public IEnumerable<string> FeatureNames => Features.Select(f => f.Name);
}
