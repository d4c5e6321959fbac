using ChurnOps.Core.Access;

namespace ChurnOps.Platform.Audit;

/// <summary>
/// The request a mutation happens in (set by the server's audit middleware for one POST/PUT/PATCH/DELETE): whose it is,
/// where it came from and its route. Use cases that record a detailed entry inside it count it here, so the middleware
/// writes its own generic entry only for a request no use case described. Flows with the request's async calls.
/// </summary>
public sealed class AuditScope(Func<Actor> actor, string origin, string route)
{
    private static readonly AsyncLocal<AuditScope?> Ambient = new();
    private int _recorded;

    /// <summary>The scope of the request this code runs for; null outside one (CLI, background work, reads).</summary>
    public static AuditScope? Current => Ambient.Value;

    /// <summary>Read when an entry is written, so an actor authenticated later in the pipeline is the one recorded.</summary>
    public Actor Actor => actor();

    public string Origin { get; } = origin;

    public string Route { get; } = route;

    /// <summary>The object a transport read from the request (an MLflow run_id…), for the middleware's generic entry.</summary>
    public string? ObjectKind { get; set; }

    public string? ObjectId { get; set; }

    /// <summary>How many detailed entries use cases wrote inside this request.</summary>
    public int Recorded => Volatile.Read(ref _recorded);

    /// <summary>Makes <paramref name="scope"/> current for the calling async flow until the result is disposed.</summary>
    public static Entered Enter(AuditScope scope)
    {
        var previous = Ambient.Value;
        Ambient.Value = scope;
        return new Entered(previous);
    }

    internal void Count() => Interlocked.Increment(ref _recorded);

    /// <summary>Restores the scope that was current before <see cref="Enter"/>.</summary>
    public readonly struct Entered(AuditScope? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
