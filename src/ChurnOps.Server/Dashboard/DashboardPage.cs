using ChurnOps.Server.Dashboard.Rendering;

namespace ChurnOps.Server.Dashboard;

/// <summary>
/// One rendered page: its title, the navigation section it belongs to, the URL of its JSON twin in the native API
/// (linked from the page), and the body, written inside the shared layout.
/// </summary>
internal sealed record DashboardPage(string Title, DashboardSection? Section, string? JsonTwin, Action<HtmlWriter> Body)
{
    public int StatusCode { get; init; } = StatusCodes.Status200OK;

    /// <summary>Breadcrumbs above the title: (text, href) from the section down; the page's own title is not repeated.</summary>
    public IReadOnlyList<(string Text, string Href)> Trail { get; init; } = [];
}
