using System.Text;

namespace ChurnOps.Server.Dashboard.Experiments;

/// <summary>The Experiments section's URLs, built in one place so pages, twins and tests agree.</summary>
internal static class RunLinks
{
    public static string Experiment(string experimentId) => "/ui/experiments/" + Uri.EscapeDataString(experimentId);

    public static string ExperimentTwin(string experimentId) => "/api/v1/experiments/" + Uri.EscapeDataString(experimentId) + "/runs";

    public static string Run(string runId) => "/ui/runs/" + Uri.EscapeDataString(runId);

    public static string RunTwin(string runId) => "/api/v1/runs/" + Uri.EscapeDataString(runId);

    public static string Artifact(string runId, string path) =>
        Run(runId) + "/artifacts/" + string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    public static string Download(string runId, string path) =>
        "/get-artifact?run_id=" + Uri.EscapeDataString(runId) + "&path=" + Uri.EscapeDataString(path);

    public static string Compare(IEnumerable<string> runIds, bool twin = false) =>
        (twin ? "/api/v1/runs/compare?" : "/ui/runs/compare?") + string.Join('&', runIds.Select(id => "runs=" + Uri.EscapeDataString(id)));

    /// <summary>The runs table with the given state; defaults are left out so URLs stay short and stable.</summary>
    public static string Table(string experimentId, string? filter, string order, int page, int size, bool twin = false, string? after = null)
    {
        var query = new StringBuilder();
        void Add(string key, string value) => query.Append(query.Length == 0 ? '?' : '&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
        if (!string.IsNullOrEmpty(filter))
        {
            Add("filter", filter);
        }

        if (order != RunTableRequest.DefaultOrder)
        {
            Add("order", order);
        }

        if (page != 1)
        {
            Add("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (size != RunTableRequest.DefaultPageSize)
        {
            Add("size", size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (after is not null)
        {
            Add("after", after);
        }

        return (twin ? ExperimentTwin(experimentId) : Experiment(experimentId)) + query;
    }
}
