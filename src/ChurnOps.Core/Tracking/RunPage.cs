namespace ChurnOps.Core.Tracking;

/// <summary>One page of runs; NextPageToken is null on the last page.</summary>
public sealed record RunPage(IReadOnlyList<Run> Runs, string? NextPageToken);
