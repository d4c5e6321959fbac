using ChurnOps.Server.Dashboard.Rendering;

namespace ChurnOps.Server.Dashboard;

/// <summary>The small pieces the operations pages repeat: a scrollable table with a caption, a pill, a figure card, a notice with the command to run.</summary>
internal static class OperationsHtml
{
    /// <summary>Opens div.scroll › table with its caption and header row and leaves tbody open; disposing the scope closes it all.</summary>
    public static TagScope Table(HtmlWriter w, string caption, IReadOnlyList<string> headers, IReadOnlySet<string>? numeric = null)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(headers);
        var scope = w.Tag("div", ("class", "scroll"));
        w.Open("table");
        w.Element("caption", caption);
        using (w.Tag("thead"))
        using (w.Tag("tr"))
        {
            foreach (var heading in headers)
            {
                w.Element("th", heading, ("scope", "col"), ("class", numeric?.Contains(heading) == true ? "num" : null));
            }
        }

        w.Open("tbody");
        return scope;
    }

    public static void Cell(HtmlWriter w, string? text, bool numeric = false) =>
        w.Element("td", string.IsNullOrEmpty(text) ? "—" : text, ("class", numeric ? "num" : null));

    public static void Pill(HtmlWriter w, string text, string cssClass) => w.Element("span", text, ("class", "pill " + cssClass));

    public static void Card(HtmlWriter w, string label, string value)
    {
        using (w.Tag("div", ("class", "card")))
        {
            w.Element("div", value, ("class", "value"));
            w.Element("div", label, ("class", "label"));
        }
    }

    /// <summary>What is missing and the command that makes it exist.</summary>
    public static void Nothing(HtmlWriter w, string message, string? command = null)
    {
        using (w.Tag("section", ("class", "notice"), ("role", "status")))
        {
            w.Element("p", message);
            if (command is not null)
            {
                using (w.Tag("p"))
                {
                    w.Element("code", command, ("class", "mono"));
                }
            }
        }
    }

    /// <summary>The region where a JSON action's outcome is announced (see dashboard.js).</summary>
    public static void ActionStatus(HtmlWriter w) => w.Element("p", null, ("class", "action-status"), ("data-action-status", ""), ("role", "status"), ("aria-live", "polite"));
}
