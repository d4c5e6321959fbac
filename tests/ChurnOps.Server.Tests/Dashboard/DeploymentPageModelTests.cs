using ChurnOps.Core.Deployments;
using ChurnOps.Platform.Deployments;
using ChurnOps.Server.Dashboard.Deployments;

namespace ChurnOps.Server.Tests.Dashboard;

public sealed class DeploymentPageModelTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 5, 0, 0, TimeSpan.Zero);

    [Fact]
    public void From_RolledBackAtSecondStep_MarksPassedRolledBackAndNotReachedSteps()
    {
        var deployment = Deployment(DeploymentStatus.RolledBack, stepIndex: 1, weight: 0);
        var failed = new AnalysisCheck(CanaryAnalysis.ScorePsi, CheckOutcome.Failed, "1.82", "<= 0.25", "1.82 > 0.25");
        var figures = new ArmFigures(DeploymentArms.Candidate, 2, 250, 0, 12.5, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

        var model = DeploymentPageModel.From(new DeploymentDetails(deployment,
        [
            Event(1, "started", 0, 10),
            Event(2, "passed", 1, 25),
            new DeploymentEvent(7, 3, "rolled-back", 1, 0, [figures], [failed], "score_psi: 1.82 > 0.25", At.AddMinutes(10)),
        ]));

        Assert.Equal("rolled-back", model.Status);
        Assert.Equal([DeploymentStepRow.Passed, DeploymentStepRow.RolledBack, DeploymentStepRow.NotReached, DeploymentStepRow.NotReached], model.Steps.Select(s => s.State));
        Assert.Equal([10, 25, 50, 100], model.Steps.Select(s => s.Weight));
        // The rollback was decided on the figures of step 2 (25%), the step current before it.
        var rollback = model.History[^1];
        Assert.Equal(2, rollback.JudgedStep);
        Assert.Equal(0, rollback.CandidateWeight);
        Assert.Equal("1.82", Assert.Single(rollback.Checks).Measured);
        Assert.Equal(1, model.History[1].JudgedStep);
    }

    [Fact]
    public void From_ActiveAtFirstStep_CurrentThenPending()
    {
        var model = DeploymentPageModel.From(new DeploymentDetails(Deployment(DeploymentStatus.Active, 0, 10), [Event(1, "started", 0, 10)]));

        Assert.Equal([DeploymentStepRow.Current, DeploymentStepRow.Pending, DeploymentStepRow.Pending, DeploymentStepRow.Pending], model.Steps.Select(s => s.State));
        Assert.Equal(1, Assert.Single(model.History).JudgedStep);
    }

    private static Deployment Deployment(DeploymentStatus status, int stepIndex, int weight) =>
        new(7, "churn", "champion", 1, 2, [10, 25, 50, 100], stepIndex, weight, TimeSpan.FromMinutes(5), false, status, "tester", At, At, null);

    private static DeploymentEvent Event(int sequence, string action, int step, int weight) =>
        new(7, sequence, action, step, weight, [], [], null, At.AddMinutes(sequence));
}
