namespace ChurnOps.Core.Deployments;

/// <summary>
/// What a canary step must meet: the candidate's error rate and p99 latency, the shift of its score distribution from the
/// stable arm's (PSI and Jensen–Shannon), and — when labels exist — the model's precision/recall gates. Nothing is judged
/// before the candidate has <see cref="MinSamples"/> requests.
/// </summary>
public sealed record AnalysisThresholds(
    long MinSamples,
    double MaxErrorRate,
    double MaxP99Milliseconds,
    double MaxScorePsi,
    double MaxScoreJensenShannon,
    double? MinPrecision,
    double? MinRecall);
