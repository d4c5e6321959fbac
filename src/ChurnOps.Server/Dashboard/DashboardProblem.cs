using ChurnOps.Server.Dashboard.Rendering;

namespace ChurnOps.Server.Dashboard;

/// <summary>
/// An expected failure of a read model (unknown run, bad filter), answered as the friendly page on /ui and as
/// ProblemDetails with the same status on the JSON twin.
/// </summary>
internal sealed record DashboardProblem(int Status, string Title, string Message)
{
    public static DashboardProblem NotFound(string title, string message) => new(StatusCodes.Status404NotFound, title, message);

    public static DashboardProblem BadRequest(string title, string message) => new(StatusCodes.Status400BadRequest, title, message);

    public DashboardPageResult ToPage(DashboardSection? section) =>
        Status == StatusCodes.Status404NotFound ? DashboardErrors.NotFound(Title, Message, section) : DashboardErrors.BadRequest(Title, Message, section);

    public IResult ToApi() => TypedResults.Problem(statusCode: Status, title: Title, detail: Message);
}
