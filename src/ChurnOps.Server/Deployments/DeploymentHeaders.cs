using ChurnOps.Core.Deployments;

namespace ChurnOps.Server.Deployments;

/// <summary>
/// The answer's deployment header, the same for every protocol: x-deployment "ID/arm". /metrics reads the arm back from
/// it (<see cref="ArmOf"/>) rather than from a second header of its own: one header less on every routed answer.
/// </summary>
internal static class DeploymentHeaders
{
    public const string Deployment = "x-deployment";

    private const string CandidateSuffix = "/" + DeploymentArms.Candidate;

    public static void Set(IHeaderDictionary headers, ArmTicket? arm)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (arm is null)
        {
            return;
        }

        headers[Deployment] = arm.Header;
    }

    /// <summary>The arm an x-deployment value names; "stable" when there is none (no deployment split the request).</summary>
    public static string ArmOf(string deployment) =>
        deployment.EndsWith(CandidateSuffix, StringComparison.Ordinal) ? DeploymentArms.Candidate : DeploymentArms.Stable;
}
