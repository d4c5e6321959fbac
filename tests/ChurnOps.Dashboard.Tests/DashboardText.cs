namespace ChurnOps.Dashboard.Tests;

internal static class DashboardText
{
    /// <summary>A response body short enough for an assertion message.</summary>
    public static string Cut(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
