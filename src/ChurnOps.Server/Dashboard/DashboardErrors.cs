using ChurnOps.Server.Dashboard.Rendering;

namespace ChurnOps.Server.Dashboard;

/// <summary>
/// The friendly error pages: what went wrong in one sentence, where to go next, the right status code, and never a
/// stack trace or the user's input beyond a short excerpt.
/// </summary>
internal static class DashboardErrors
{
    public static DashboardPageResult NotFound(string title, string message, DashboardSection? section = null) =>
        Problem(StatusCodes.Status404NotFound, title, message, section);

    public static DashboardPageResult BadRequest(string title, string message, DashboardSection? section = null) =>
        Problem(StatusCodes.Status400BadRequest, title, message, section);

    public static DashboardPageResult Failure(string traceId) =>
        Problem(StatusCodes.Status500InternalServerError, "Something went wrong", $"This page could not be shown. The server log has the details under request id {traceId}.", null);

    /// <summary>A page that belongs to a section whose pages are not in this build yet.</summary>
    public static DashboardPageResult NotAvailableYet(DashboardSection section) =>
        new(new DashboardPage(section.Title, section, null, w =>
        {
            using (w.Tag("section", ("class", "notice"), ("role", "status")))
            {
                w.Element("p", $"The {section.Title} page is not available yet in this version of ChurnOps.");
                w.Element("p", section.Summary, ("class", "muted"));
                using (w.Tag("p"))
                {
                    w.Link("/ui/overview", "Back to the overview");
                }
            }
        }));

    /// <summary>Cuts what a visitor typed to a length that is safe to show back.</summary>
    public static string Excerpt(string? text, int max = 120) =>
        text is null ? string.Empty : text.Length <= max ? text : text[..max] + $"… ({text.Length:N0} chars)";

    private static DashboardPageResult Problem(int status, string title, string message, DashboardSection? section) =>
        new(new DashboardPage(title, section, null, w =>
        {
            using (w.Tag("section", ("class", "problem"), ("role", "alert")))
            {
                w.Element("p", message);
                using (w.Tag("p"))
                {
                    if (section is not null)
                    {
                        w.Link(section.Path, "Back to " + section.Title);
                        w.Text(" · ");
                    }

                    w.Link("/ui/overview", "Overview");
                }
            }

            w.Element("p", $"HTTP {status}", ("class", "muted status-code"));
        })
        {
            StatusCode = status,
        });
}
