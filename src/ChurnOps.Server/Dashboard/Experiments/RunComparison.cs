namespace ChurnOps.Server.Dashboard.Experiments;

/// <summary>2 to 5 runs side by side: their metrics and params by key, and each metric's history when it has more than one step.</summary>
internal sealed record RunComparison(
    IReadOnlyList<RunRow> Runs,
    IReadOnlyList<string> MetricKeys,
    IReadOnlyList<string> ParamKeys,
    IReadOnlyDictionary<string, IReadOnlyList<MetricStep>> Histories);
