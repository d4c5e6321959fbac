using ChurnOps.Core.Deployments;

namespace ChurnOps.Platform.Projects;

/// <summary>churnops.yaml `deployments.analysis:`: what a canary step must meet. Precision and recall use `gates.min_precision|min_recall`.</summary>
public sealed class DeploymentAnalysisSettings
{
    /// <summary>Candidate requests a step needs before it is judged.</summary>
    public long MinSamples { get; set; } = 200;

    public double MaxErrorRate { get; set; } = 0.01;

    public double MaxP99Ms { get; set; } = 100;

    /// <summary>Population stability index of the candidate's scores against the stable arm's (0.25: the usual "large shift").</summary>
    public double MaxScorePsi { get; set; } = 0.25;

    /// <summary>Jensen–Shannon divergence (bits, 0..1) of the same two score histograms.</summary>
    public double MaxScoreJs { get; set; } = 0.1;

    public AnalysisThresholds Thresholds(IReadOnlyDictionary<string, double> gates)
    {
        ArgumentNullException.ThrowIfNull(gates);
        return new AnalysisThresholds(
            MinSamples,
            MaxErrorRate,
            MaxP99Ms,
            MaxScorePsi,
            MaxScoreJs,
            gates.TryGetValue("min_precision", out var precision) ? precision : null,
            gates.TryGetValue("min_recall", out var recall) ? recall : null);
    }

    public IEnumerable<string> Validate(string path)
    {
        if (MinSamples is < 1 or > 100_000_000)
        {
            yield return $"{path}.min_samples: must be between 1 and 100000000";
        }

        if (MaxErrorRate is < 0 or > 1 || double.IsNaN(MaxErrorRate))
        {
            yield return $"{path}.max_error_rate: must be between 0 and 1";
        }

        if (!(MaxP99Ms > 0))
        {
            yield return $"{path}.max_p99_ms: must be above 0";
        }

        if (!(MaxScorePsi >= 0))
        {
            yield return $"{path}.max_score_psi: must be 0 or more";
        }

        if (MaxScoreJs is < 0 or > 1 || double.IsNaN(MaxScoreJs))
        {
            yield return $"{path}.max_score_js: must be between 0 and 1";
        }
    }
}
