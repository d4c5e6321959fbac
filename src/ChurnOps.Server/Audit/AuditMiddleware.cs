using ChurnOps.Core.Access;
using ChurnOps.Core.Audit;
using ChurnOps.Platform.Audit;

namespace ChurnOps.Server.Audit;

/// <summary>
/// Records every mutating request (POST/PUT/PATCH/DELETE, less scoring and searches), allowed or refused: who (the
/// authenticated principal, else the local user; "anonymous" on a 401), from which address, the route, the status and
/// the object. The entry is written just before the response starts, so a client that got its answer finds it in the
/// log. A use case that records its own, more detailed entry inside the request (approve, alias, deploy…) replaces the
/// generic one. Reads and scoring pass straight through: one method compare, no allocation.
/// </summary>
internal sealed class AuditMiddleware(RequestDelegate next, IAuditLog log, ICurrentActor local, TimeProvider time)
{
    private const int MaxRouteChars = 512;
    private static readonly Actor Anonymous = new("anonymous", null, "none");

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        return AuditRoutes.IsAudited(request.Method, request.Path.Value) ? AuditAsync(context) : next(context);
    }

    private async Task AuditAsync(HttpContext context)
    {
        var request = context.Request;
        var route = $"{request.Method} {request.Path.Value}";
        var entry = new PendingEntry(log, time, ActorOf, context, route.Length <= MaxRouteChars ? route : route[..MaxRouteChars] + "…");
        context.Response.OnStarting(static state => ((PendingEntry)state).WriteAsync(null), entry);
        using (AuditScope.Enter(entry.Scope))
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (Exception ex) when (!context.Response.HasStarted)
            {
                await entry.WriteAsync(StatusCodes.Status500InternalServerError, ex.GetType().Name).ConfigureAwait(false);
                throw;
            }
        }

        // A response that never started (the client went away): record what the handler decided all the same.
        await entry.WriteAsync(null).ConfigureAwait(false);
    }

    private Actor ActorOf(HttpContext context) => ActorClaims.FromPrincipal(context.User) ?? local.Actor;

    /// <summary>The entry of one request, written once whichever of OnStarting, the exception path or the end gets there first.</summary>
    private sealed class PendingEntry
    {
        private readonly IAuditLog _log;
        private readonly TimeProvider _time;
        private readonly Func<HttpContext, Actor> _actorOf;
        private readonly HttpContext _context;
        private readonly string _route;
        private int _written;

        public PendingEntry(IAuditLog log, TimeProvider time, Func<HttpContext, Actor> actorOf, HttpContext context, string route)
        {
            _log = log;
            _time = time;
            _actorOf = actorOf;
            _context = context;
            _route = route;
            var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            Scope = new AuditScope(() => actorOf(context), "http " + address, route);
        }

        public AuditScope Scope { get; }

        public Task WriteAsync(int? failedStatus, string? failure = null)
        {
            if (Interlocked.Exchange(ref _written, 1) == 1 || (Scope.Recorded > 0 && failedStatus is null))
            {
                return Task.CompletedTask;
            }

            var status = failedStatus ?? _context.Response.StatusCode;
            var request = _context.Request;
            var (action, kind, id) = AuditRoutes.Describe(request.Method, request.Path.Value ?? "/");
            var actor = status == StatusCodes.Status401Unauthorized && ActorClaims.FromPrincipal(_context.User) is null ? Anonymous : _actorOf(_context);
            var record = new AuditRecord(_time.GetUtcNow(), actor, Scope.Origin, action, Scope.ObjectKind ?? kind, Scope.ObjectId ?? id ?? "-", AuditOutcome.ForStatus(status))
            {
                Status = status,
                Route = _route,
                Reason = failure,
            };
            return _log.AppendAsync(record, CancellationToken.None);
        }
    }
}
