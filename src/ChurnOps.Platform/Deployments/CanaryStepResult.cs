using ChurnOps.Core.Alerts;
using ChurnOps.Core.Deployments;

namespace ChurnOps.Platform.Deployments;

/// <summary>
/// What one look at a step did: nothing yet (not due, too few samples), advanced it, rolled it back (with the alert), or
/// found it already moved by someone else. <see cref="Deployment"/> is the state after the look.
/// </summary>
public sealed record CanaryStepResult(string Outcome, Deployment Deployment, AnalysisVerdict? Verdict, Alert? Alert)
{
    public const string Waiting = "waiting";
    public const string Advanced = "advanced";
    public const string RolledBack = "rolled-back";
    public const string Superseded = "superseded";
}
