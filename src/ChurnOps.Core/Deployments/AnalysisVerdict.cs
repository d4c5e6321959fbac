namespace ChurnOps.Core.Deployments;

/// <summary>The checks of one step's analysis. It passes when no check failed; skipped checks are named, not counted as passes.</summary>
public sealed record AnalysisVerdict(IReadOnlyList<AnalysisCheck> Checks)
{
    public bool Passed => Checks.All(c => c.Outcome != CheckOutcome.Failed);

    public IEnumerable<AnalysisCheck> Failures => Checks.Where(c => c.Outcome == CheckOutcome.Failed);

    /// <summary>"score_psi: 1.82 > 0.25; p99_latency: …", for alerts and history.</summary>
    public string Summary => string.Join("; ", (Passed ? Checks : Failures).Select(c => $"{c.Name}: {c.Message}"));
}
