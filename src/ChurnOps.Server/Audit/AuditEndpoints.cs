using ChurnOps.Core.Audit;
using ChurnOps.Core.Ownership;
using ChurnOps.Platform.Audit;
using ChurnOps.Platform.Ownership;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChurnOps.Server.Audit;

/// <summary>GET /api/v1/audit (the audit log, newest first) and GET /api/v1/handoffs (the hand-off ledger).</summary>
internal static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", ListAsync).WithTags("Audit")
            .WithSummary("Audit entries, newest first: since (ISO-8601 or an age such as 24h), actor (name or team), object (id, a prefix of it, or kind:id), action (or its noun), limit.");
        app.MapGet("/api/v1/handoffs", HandoffsAsync).WithTags("Audit")
            .WithSummary("The hand-off ledger: contracts, feature views, model versions and the API, with producer, consumers, accountable team, SLAs, status, sign-offs and open alerts; team filters.");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<AuditEntryView>>, ProblemHttpResult>> ListAsync(
        string? since, string? actor, string? @object, string? action, int? limit, IAuditLog log, TimeProvider time, CancellationToken ct)
    {
        var (from, error) = AuditSince.Parse(since, time.GetUtcNow());
        if (error is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: error);
        }

        if (limit is < 1 or > AuditQuery.MaxResults)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"limit: must be between 1 and {AuditQuery.MaxResults}");
        }

        var entries = await log.QueryAsync(new AuditQuery(from, actor, @object, action, limit ?? 100), ct).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<AuditEntryView>>(entries.Select(AuditEntryView.From).ToList());
    }

    private static async Task<Ok<IReadOnlyList<Handoff>>> HandoffsAsync(string? team, HandoffLedger ledger, CancellationToken ct) =>
        TypedResults.Ok(await ledger.ListAsync(team, ct).ConfigureAwait(false));
}
