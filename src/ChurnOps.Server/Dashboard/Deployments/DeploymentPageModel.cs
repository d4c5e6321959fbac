using ChurnOps.Core.Deployments;
using ChurnOps.Platform.Deployments;

namespace ChurnOps.Server.Dashboard.Deployments;

/// <summary>One deployment's page: the traffic split now, the plan's steps and the history with each step's analysis figures.</summary>
internal sealed record DeploymentPageModel(Deployment Deployment, string Status, IReadOnlyList<DeploymentStepRow> Steps, IReadOnlyList<DeploymentHistoryRow> History)
{
    public static DeploymentPageModel From(DeploymentDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var d = details.Deployment;
        var steps = d.Steps.Select((weight, i) => new DeploymentStepRow(i + 1, weight, StepState(d, i))).ToList();
        var history = new List<DeploymentHistoryRow>();
        var current = 0;
        foreach (var e in details.History.OrderBy(e => e.Sequence))
        {
            // An event records the step it moved to; its figures were measured on the step current before it.
            history.Add(new DeploymentHistoryRow(e.Sequence, e.Action, current + 1, e.CandidateWeight, e.Figures, e.Checks, e.Reason, e.At));
            current = e.StepIndex;
        }

        return new DeploymentPageModel(d, DeploymentService.Status(d.Status), steps, history);
    }

    private static string StepState(Deployment d, int step) => d.Status switch
    {
        DeploymentStatus.Completed => step <= d.StepIndex ? DeploymentStepRow.Passed : DeploymentStepRow.NotReached,
        DeploymentStatus.RolledBack => step < d.StepIndex ? DeploymentStepRow.Passed : step == d.StepIndex ? DeploymentStepRow.RolledBack : DeploymentStepRow.NotReached,
        _ => step < d.StepIndex ? DeploymentStepRow.Passed : step == d.StepIndex ? DeploymentStepRow.Current : DeploymentStepRow.Pending,
    };
}
