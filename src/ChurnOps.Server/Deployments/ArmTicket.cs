using System.Globalization;
using ChurnOps.Core.Deployments;
using ChurnOps.Platform.Serving;

namespace ChurnOps.Server.Deployments;

/// <summary>
/// The arm a request was routed to, carried from routing to the prediction log: the route (deployment and counters),
/// the arm, and whether the request is also mirrored to the candidate (shadow mode). Each route makes its tickets once
/// (<see cref="DeploymentRoute"/>), so they are shared by every request of that step and hold nothing per request.
/// </summary>
internal sealed class ArmTicket
{
    private ServedModel? _model;

    internal ArmTicket(DeploymentRoute route, string arm, bool mirror)
    {
        Route = route;
        Arm = arm;
        Mirror = mirror;
        IsCandidate = arm == DeploymentArms.Candidate;
        Version = IsCandidate ? route.Deployment.CandidateVersion : route.Deployment.StableVersion;
        Header = route.Deployment.Id.ToString(CultureInfo.InvariantCulture) + "/" + arm;
    }

    public DeploymentRoute Route { get; }

    public string Arm { get; }

    public bool Mirror { get; }

    public bool IsCandidate { get; }

    public int Version { get; }

    /// <summary>The answer's x-deployment value, "ID/arm".</summary>
    public string Header { get; }

    public Deployment Deployment => Route.Deployment;

    public ArmCounters Counters => IsCandidate ? Route.Candidate : Route.Stable;

    /// <summary>The stable arm of the same route: where a candidate that cannot answer falls back to.</summary>
    public ArmTicket Stable => Route.StableTicket;

    /// <summary>
    /// This arm's model once it has been loaded, so a routed request does not look it up again: a version is immutable,
    /// and a route lives for one step of one deployment.
    /// </summary>
    public ServedModel? Model
    {
        get => Volatile.Read(ref _model);
        set => Volatile.Write(ref _model, value);
    }
}
