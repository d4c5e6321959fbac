namespace ChurnOps.Server.Dashboard.Deployments;

/// <summary>One step of a deployment's plan (1-based) with the candidate's weight and where it stands: passed, current, pending, not reached.</summary>
internal sealed record DeploymentStepRow(int Step, int Weight, string State)
{
    public const string Passed = "passed";
    public const string Current = "current";
    public const string Pending = "pending";
    public const string NotReached = "not reached";
    public const string RolledBack = "rolled back";
}
