namespace ChurnOps.Core.Tracking.Search;

/// <summary>What a search may filter and order on: which entity prefixes, and which attributes with which value kind.</summary>
public sealed class SearchSchema
{
    private SearchSchema(string subject, IReadOnlyDictionary<string, (string Column, AttributeKind Kind)> attributes, IReadOnlySet<SearchEntity> entities)
    {
        Subject = subject;
        Attributes = attributes;
        Entities = entities;
    }

    public string Subject { get; }

    /// <summary>Attribute name (as written in a filter) to canonical name and value kind.</summary>
    public IReadOnlyDictionary<string, (string Column, AttributeKind Kind)> Attributes { get; }

    public IReadOnlySet<SearchEntity> Entities { get; }

    /// <summary>What datasets.KEY may name, as in MLflow: the dataset's name and digest, and the input's mlflow.data.context tag.</summary>
    public static IReadOnlySet<string> DatasetKeys { get; } = new HashSet<string>(StringComparer.Ordinal) { "name", "digest", "context" };

    public static SearchSchema Runs { get; } = new(
        "runs",
        new Dictionary<string, (string, AttributeKind)>(StringComparer.Ordinal)
        {
            ["run_id"] = ("run_id", AttributeKind.Text),
            ["run_name"] = ("run_name", AttributeKind.Text),
            ["status"] = ("status", AttributeKind.Text),
            ["user_id"] = ("user_id", AttributeKind.Text),
            ["artifact_uri"] = ("artifact_uri", AttributeKind.Text),
            ["start_time"] = ("start_time", AttributeKind.Number),
            ["end_time"] = ("end_time", AttributeKind.Number),
            ["created"] = ("start_time", AttributeKind.Number),
            ["Created"] = ("start_time", AttributeKind.Number),
            ["run name"] = ("run_name", AttributeKind.Text),
            ["Run name"] = ("run_name", AttributeKind.Text),
            ["Run Name"] = ("run_name", AttributeKind.Text),
        },
        new HashSet<SearchEntity> { SearchEntity.Metric, SearchEntity.Param, SearchEntity.Tag, SearchEntity.Attribute, SearchEntity.Dataset });

    public static SearchSchema Experiments { get; } = new(
        "experiments",
        new Dictionary<string, (string, AttributeKind)>(StringComparer.Ordinal)
        {
            ["name"] = ("name", AttributeKind.Text),
            ["experiment_id"] = ("experiment_id", AttributeKind.Text),
            ["creation_time"] = ("creation_time", AttributeKind.Number),
            ["last_update_time"] = ("last_update_time", AttributeKind.Number),
        },
        new HashSet<SearchEntity> { SearchEntity.Tag, SearchEntity.Attribute });
}
