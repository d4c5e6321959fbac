namespace ChurnOps.Server.Dashboard.Data;

/// <summary>A load's expectation results at row level: the rules its quarantined rows broke, and a few of those rows.</summary>
internal sealed record LoadDetail(LoadRow Load, IReadOnlyList<RuleCount> BrokenRules, IReadOnlyList<string> SampleColumns, IReadOnlyList<IReadOnlyList<string?>> SampleRows);
