using ChurnOps.Core.Deployments;

namespace ChurnOps.Core.Tests.Deployments;

public sealed class CanaryAnalysisTests
{
    private static readonly AnalysisThresholds Thresholds = new(100, 0.01, 100, 0.25, 0.1, 0.3, 0.2);
    private static readonly long[] Scores = [10, 40, 30, 10, 5, 3, 1, 1, 0, 0];

    [Fact]
    public void Judge_SameScoresLowErrorsFast_PassesWithLabelChecksSkipped()
    {
        var verdict = CanaryAnalysis.Judge(Arm("stable", 900, 0, 2), Arm("candidate", 100, 0, 3), Thresholds, labelled: null);

        Assert.True(verdict.Passed);
        Assert.Equal(
            [("error_rate", CheckOutcome.Passed), ("p99_latency", CheckOutcome.Passed), ("score_psi", CheckOutcome.Passed), ("score_js", CheckOutcome.Passed), ("precision", CheckOutcome.Skipped), ("recall", CheckOutcome.Skipped)],
            verdict.Checks.Select(c => (c.Name, c.Outcome)));
        Assert.Equal("no labels yet", verdict.Checks.Single(c => c.Name == "precision").Message);
    }

    [Fact]
    public void Judge_ErrorsSlowAndShifted_EachFailureNamed()
    {
        var shifted = Arm("candidate", 100, 5, 300) with { ScoreHistogram = Scores.Reverse().ToArray() };

        var verdict = CanaryAnalysis.Judge(Arm("stable", 900, 0, 2), shifted, Thresholds, labelled: null);

        Assert.False(verdict.Passed);
        Assert.Equal(["error_rate", "p99_latency", "score_psi", "score_js"], verdict.Failures.Select(c => c.Name));
        Assert.StartsWith("error_rate: 0.05 > 0.01 (5 of 100 requests failed)", verdict.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_LabelsBelowTheGates_PrecisionAndRecallFail()
    {
        var verdict = CanaryAnalysis.Judge(Arm("stable", 900, 0, 2), Arm("candidate", 100, 0, 2), Thresholds, new LabelledFigures(80, 0.1, 0.5));

        Assert.Equal(["precision"], verdict.Failures.Select(c => c.Name));
        Assert.Equal(CheckOutcome.Passed, verdict.Checks.Single(c => c.Name == "recall").Outcome);
    }

    [Fact]
    public void HasEnoughSamples_BelowTheMinimum_False()
    {
        Assert.False(CanaryAnalysis.HasEnoughSamples(Arm("candidate", 99, 0, 1), Thresholds));
        Assert.True(CanaryAnalysis.HasEnoughSamples(Arm("candidate", 100, 0, 1), Thresholds));
    }

    private static ArmFigures Arm(string arm, long requests, long errors, double p99) =>
        new(arm, arm == "stable" ? 1 : 2, requests, errors, p99, Scores.Select(s => s * requests / 100).ToArray());
}
