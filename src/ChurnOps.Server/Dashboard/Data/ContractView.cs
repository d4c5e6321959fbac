using ChurnOps.Server.Dashboard.Rendering;

namespace ChurnOps.Server.Dashboard.Data;

/// <summary>A contract page: versions with a diff picker, the diff, columns with their checks, SLAs, rules, loads, YAML.</summary>
internal static class ContractView
{
    public static void Write(HtmlWriter w, ContractDetail c)
    {
        using (w.Tag("p"))
        {
            w.Text("Producers: " + string.Join(", ", c.Owners.DefaultIfEmpty("—")) + " · consumers: " + string.Join(", ", c.Consumers.DefaultIfEmpty("—")));
        }

        w.Element("h2", "Versions");
        using (w.Tag("div", ("class", "scroll")))
        using (w.Tag("table"))
        {
            DataTables.Head(w, "Version", "Status", "Where", "Published", "By");
            using (w.Tag("tbody"))
            {
                foreach (var v in c.Versions)
                {
                    using (w.Tag("tr"))
                    {
                        using (w.Tag("td", ("class", "mono")))
                        {
                            w.Link(DataTables.ContractLink(c.Id) + "?version=" + Uri.EscapeDataString(v.Version), v.Version, ("aria-current", v.Version == c.Version ? "true" : null));
                        }

                        w.Element("td", v.Status);
                        w.Element("td", v.Source);
                        using (w.Tag("td"))
                        {
                            DashboardFormat.Time(w, v.PublishedAt);
                        }

                        w.Element("td", v.PublishedBy ?? "—");
                    }
                }
            }
        }

        WriteDiff(w, c);
        w.Element("h2", "Columns");
        using (w.Tag("div", ("class", "scroll")))
        using (w.Tag("table"))
        {
            DataTables.Head(w, "Table", "Column", "Type", "Required", "Unique", "Key", "Classification", "Checks");
            using (w.Tag("tbody"))
            {
                foreach (var p in c.Properties)
                {
                    using (w.Tag("tr"))
                    {
                        w.Element("td", p.Table);
                        w.Element("td", p.Name, ("class", "mono"));
                        w.Element("td", p.Type ?? "—");
                        w.Element("td", p.Required ? "yes" : "no");
                        w.Element("td", p.Unique ? "yes" : "no");
                        w.Element("td", p.PrimaryKey ? "primary" : "—");
                        w.Element("td", p.Classification ?? "—");
                        w.Element("td", p.Checks.Count == 0 ? "—" : string.Join("; ", p.Checks));
                    }
                }
            }
        }

        w.Element("h2", "SLAs and quality rules");
        using (w.Tag("ul"))
        {
            foreach (var line in c.Slas.Concat(c.QualityRules).DefaultIfEmpty("none declared"))
            {
                w.Element("li", line);
            }
        }

        w.Element("h2", "Loads checked against it");
        DataTables.Loads(w, c.Loads);
        using (w.Tag("details"))
        {
            w.Element("summary", "YAML of " + c.Version);
            w.Element("pre", c.Yaml);
        }
    }

    private static void WriteDiff(HtmlWriter w, ContractDetail c)
    {
        w.Element("h2", "Compare two versions");
        if (c.Versions.Count < 2)
        {
            w.Element("p", "Only one version so far; publishing another ('churnops contract publish') makes a diff possible.", ("class", "muted"));
            return;
        }

        using (w.Tag("form", ("method", "get"), ("action", DataTables.ContractLink(c.Id)), ("class", "filter")))
        {
            Select(w, "from", "From", c.Versions, c.DiffFrom ?? c.Versions[^1].Version);
            Select(w, "to", "To", c.Versions, c.DiffTo ?? c.Versions[0].Version);
            w.Element("button", "Show changes", ("type", "submit"));
        }

        if (c.Changes is null)
        {
            return;
        }

        if (c.Changes.Count == 0)
        {
            w.Element("p", $"No differences between {c.DiffFrom} and {c.DiffTo}.", ("class", "notice"));
            return;
        }

        using (w.Tag("ul", ("class", "changes")))
        {
            foreach (var change in c.Changes)
            {
                using (w.Tag("li"))
                {
                    SignalStyle.Pill(w, change.Severity == "breaking" ? Signal.Red : Signal.Green, change.Severity);
                    w.Text(" ");
                    w.Element("span", change.Path, ("class", "mono"));
                    w.Text(": " + change.Message);
                }
            }
        }
    }

    private static void Select(HtmlWriter w, string name, string label, IReadOnlyList<ContractVersionRow> versions, string selected)
    {
        using (w.Tag("label"))
        {
            w.Text(label);
            using (w.Tag("select", ("name", name)))
            {
                foreach (var v in versions)
                {
                    w.Element("option", $"{v.Version} ({v.Status})", ("value", v.Version), ("selected", v.Version == selected ? string.Empty : null));
                }
            }
        }
    }
}
