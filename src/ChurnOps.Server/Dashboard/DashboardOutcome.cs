namespace ChurnOps.Server.Dashboard;

/// <summary>What a read model answers: the data, or the problem to show instead.</summary>
internal sealed record DashboardOutcome<T>(T? Value, DashboardProblem? Problem)
    where T : class
{
    public static implicit operator DashboardOutcome<T>(T value) => new(value, null);

    public static implicit operator DashboardOutcome<T>(DashboardProblem problem) => new(null, problem);

    /// <summary>The twin: the value as JSON, or the problem as ProblemDetails.</summary>
    public IResult ToApi() => Problem is { } problem ? problem.ToApi() : TypedResults.Ok(Value);
}
