using System.Globalization;

namespace ChurnOps.Core.Deployments;

/// <summary>
/// Judges one canary step on the arms' own figures. Each check is named so a rollback says exactly what failed; a check
/// that cannot be made (no labels yet, no stable scores to compare with) is skipped, never passed.
/// </summary>
public static class CanaryAnalysis
{
    public const string ErrorRate = "error_rate";
    public const string P99Latency = "p99_latency";
    public const string ScorePsi = "score_psi";
    public const string ScoreJensenShannon = "score_js";
    public const string Precision = "precision";
    public const string Recall = "recall";

    /// <summary>True when the candidate has enough requests to be judged.</summary>
    public static bool HasEnoughSamples(ArmFigures candidate, AnalysisThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(thresholds);
        return candidate.Requests >= thresholds.MinSamples;
    }

    public static AnalysisVerdict Judge(ArmFigures stable, ArmFigures candidate, AnalysisThresholds thresholds, LabelledFigures? labelled)
    {
        ArgumentNullException.ThrowIfNull(stable);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(thresholds);
        var checks = new List<AnalysisCheck>
        {
            AtMost(ErrorRate, candidate.ErrorRate, thresholds.MaxErrorRate, $"{candidate.Errors} of {candidate.Requests} requests failed"),
        };

        checks.Add(candidate.P99Milliseconds is { } p99
            ? AtMost(P99Latency, p99, thresholds.MaxP99Milliseconds, "candidate p99 in ms")
            : Skip(P99Latency, thresholds.MaxP99Milliseconds, "no latencies counted"));

        if (stable.Scores == 0 || candidate.Scores == 0)
        {
            checks.Add(Skip(ScorePsi, thresholds.MaxScorePsi, "no stable scores to compare with"));
            checks.Add(Skip(ScoreJensenShannon, thresholds.MaxScoreJensenShannon, "no stable scores to compare with"));
        }
        else
        {
            checks.Add(AtMost(ScorePsi, ScoreShift.PopulationStabilityIndex(stable.ScoreHistogram, candidate.ScoreHistogram), thresholds.MaxScorePsi, "candidate vs stable score distribution"));
            checks.Add(AtMost(ScoreJensenShannon, ScoreShift.JensenShannon(stable.ScoreHistogram, candidate.ScoreHistogram), thresholds.MaxScoreJensenShannon, "candidate vs stable score distribution"));
        }

        checks.Add(Quality(Precision, labelled?.Precision, thresholds.MinPrecision, labelled));
        checks.Add(Quality(Recall, labelled?.Recall, thresholds.MinRecall, labelled));
        return new AnalysisVerdict(checks);
    }

    private static AnalysisCheck Quality(string name, double? measured, double? minimum, LabelledFigures? labelled)
    {
        if (minimum is null)
        {
            return new AnalysisCheck(name, CheckOutcome.Skipped, "-", "-", "no gate for " + name);
        }

        if (labelled is null || labelled.Labelled == 0 || measured is null)
        {
            return new AnalysisCheck(name, CheckOutcome.Skipped, "-", ">= " + Text(minimum.Value), "no labels yet");
        }

        var passed = measured.Value >= minimum.Value;
        return new AnalysisCheck(name, passed ? CheckOutcome.Passed : CheckOutcome.Failed, Text(measured.Value), ">= " + Text(minimum.Value),
            $"{Text(measured.Value)} {(passed ? ">=" : "<")} {Text(minimum.Value)} on {labelled.Labelled} labelled predictions");
    }

    private static AnalysisCheck AtMost(string name, double measured, double maximum, string what)
    {
        var passed = measured <= maximum;
        return new AnalysisCheck(name, passed ? CheckOutcome.Passed : CheckOutcome.Failed, Text(measured), "<= " + Text(maximum),
            $"{Text(measured)} {(passed ? "<=" : ">")} {Text(maximum)} ({what})");
    }

    private static AnalysisCheck Skip(string name, double maximum, string why) =>
        new(name, CheckOutcome.Skipped, "-", "<= " + Text(maximum), why);

    private static string Text(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
