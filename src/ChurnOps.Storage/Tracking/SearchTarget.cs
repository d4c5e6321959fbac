namespace ChurnOps.Storage.Tracking;

/// <summary>
/// Where a search's clauses land in SQL: the outer key column and the tables behind each entity prefix.
/// Attribute columns come only from this fixed map, never from the filter text.
/// </summary>
internal sealed record SearchTarget(string KeyColumn, string? MetricTable, string? ParamTable, string TagTable, string ChildKey, IReadOnlyDictionary<string, string> AttributeColumns)
{
    /// <summary>The dataset inputs table (runs only); datasets.name/digest are its columns, datasets.context is a tag inside its JSON tags.</summary>
    public string? InputTable { get; init; }

    public static SearchTarget Runs { get; } = new(
        "r.run_pk",
        "tracking_latest_metrics",
        "tracking_params",
        "tracking_tags",
        "run_pk",
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["run_id"] = "r.run_id",
            ["run_name"] = "r.run_name",
            ["status"] = "r.status",
            ["user_id"] = "r.user_id",
            ["artifact_uri"] = "r.artifact_uri",
            ["start_time"] = "r.start_time",
            ["end_time"] = "r.end_time",
        })
    {
        InputTable = "tracking_inputs",
    };

    public static SearchTarget Experiments { get; } = new(
        "e.experiment_id",
        null,
        null,
        "tracking_experiment_tags",
        "experiment_id",
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = "e.name",
            ["experiment_id"] = "CAST(e.experiment_id AS TEXT)",
            ["creation_time"] = "e.creation_time",
            ["last_update_time"] = "e.last_update_time",
        });
}
