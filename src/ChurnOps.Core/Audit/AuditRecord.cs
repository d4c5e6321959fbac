using ChurnOps.Core.Access;

namespace ChurnOps.Core.Audit;

/// <summary>
/// One mutation as the audit log keeps it: who (<see cref="Actor"/>), from where (an HTTP client's address or
/// "cli HOST"), what (an action in the domain's words, e.g. <c>model_version.approve</c>, on an object kind and id),
/// how it ended (<see cref="AuditOutcome"/>) and, where the use case has them, small JSON summaries of the object
/// before and after.
/// </summary>
public sealed record AuditRecord(
    DateTimeOffset At,
    Actor Actor,
    string Origin,
    string Action,
    string ObjectKind,
    string ObjectId,
    string Outcome)
{
    /// <summary>The HTTP status the request was answered with; null for a CLI or domain entry.</summary>
    public int? Status { get; init; }

    /// <summary>"POST /api/2.0/mlflow/runs/delete" for an HTTP request; the command for the CLI when known.</summary>
    public string? Route { get; init; }

    /// <summary>Why a mutation was refused or failed, or a note the actor gave.</summary>
    public string? Reason { get; init; }

    /// <summary>The object before the change, as a small JSON value (capped, marked truncated when cut).</summary>
    public string? Before { get; init; }

    /// <summary>The object after the change, as a small JSON value (capped, marked truncated when cut).</summary>
    public string? After { get; init; }
}
