namespace ChurnOps.Server.Dashboard.Experiments;

/// <summary>One run in the runs table: attributes, each metric's latest value, and its params.</summary>
internal sealed record RunRow(
    string RunId,
    string RunName,
    string Status,
    string UserId,
    long StartTime,
    long? EndTime,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, string> Params);
