namespace ChurnOps.Server.Access;

/// <summary>
/// What an endpoint needs beyond authentication: nothing (a read, scoring included), one activity, an activity that
/// depends on the request (which alias moves, which stage, which deployment action), or no credentials at all (probes).
/// </summary>
internal sealed record EndpointRule(EndpointRuleKind Kind, string? Activity = null, Func<HttpContext, ValueTask<string>>? Resolve = null)
{
    public static EndpointRule Read { get; } = new(EndpointRuleKind.Read);

    public static EndpointRule Open { get; } = new(EndpointRuleKind.Open);

    public static EndpointRule Unclassified { get; } = new(EndpointRuleKind.Unclassified);

    public static EndpointRule Mutation(string activity) => new(EndpointRuleKind.Mutation, activity);

    public static EndpointRule Depends(string strictest, Func<HttpContext, ValueTask<string>> resolve) => new(EndpointRuleKind.Mutation, strictest, resolve);

    public ValueTask<string> ActivityAsync(HttpContext context) => Resolve is null ? ValueTask.FromResult(Activity!) : Resolve(context);
}
