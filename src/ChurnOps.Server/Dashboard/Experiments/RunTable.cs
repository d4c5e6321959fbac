namespace ChurnOps.Server.Dashboard.Experiments;

/// <summary>
/// One page of an experiment's runs as the filter and order chose them (MLflow's grammar), with the metric and param
/// columns the page's runs have. <see cref="HasNextPage"/> comes from the store's page token, so no count is needed.
/// </summary>
internal sealed record RunTable(
    string ExperimentId,
    string ExperimentName,
    string? Filter,
    string Order,
    int Page,
    int PageSize,
    bool HasNextPage,
    IReadOnlyList<string> MetricColumns,
    IReadOnlyList<string> ParamColumns,
    IReadOnlyList<RunRow> Runs)
{
    /// <summary>The cursor of the next page in the default order (null in other orders or on the last page).</summary>
    public string? NextAfter { get; init; }
}
