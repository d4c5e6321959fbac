namespace ChurnOps.Server.Dashboard.Rendering;

/// <summary>The frame around every page: head, skip link, navigation of every section, breadcrumbs, footer with the JSON twin.</summary>
internal static class DashboardLayout
{
    public static string Render(DashboardPage page)
    {
        var w = new HtmlWriter();
        using (w.Tag("html", ("lang", "en")))
        {
            using (w.Tag("head"))
            {
                w.Void("meta", ("charset", "utf-8"));
                w.Void("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1"));
                w.Void("meta", ("name", "color-scheme"), ("content", "light dark"));
                w.Element("title", page.Title + " · ChurnOps");
                w.Void("link", ("rel", "stylesheet"), ("href", DashboardAssets.StylesheetUrl));
                w.Void("link", ("rel", "icon"), ("href", "data:,"));
                if (page.JsonTwin is { } twin)
                {
                    w.Void("link", ("rel", "alternate"), ("type", "application/json"), ("href", twin));
                }

                w.Element("script", null, ("src", DashboardAssets.ScriptUrl), ("defer", ""));
            }

            using (w.Tag("body"))
            {
                w.Link("#main", "Skip to content", ("class", "skip"));
                WriteHeader(w, page.Section);
                using (w.Tag("main", ("id", "main"), ("tabindex", "-1")))
                {
                    WriteTrail(w, page);
                    w.Element("h1", page.Title);
                    page.Body(w);
                }

                WriteFooter(w, page.JsonTwin);
            }
        }

        return "<!DOCTYPE html>" + w;
    }

    private static void WriteHeader(HtmlWriter w, DashboardSection? current)
    {
        using (w.Tag("header", ("class", "top")))
        {
            w.Link("/ui/overview", "ChurnOps", ("class", "brand"));
            using (w.Tag("nav", ("aria-label", "Sections")))
            using (w.Tag("ul"))
            {
                foreach (var section in DashboardSection.All)
                {
                    using (w.Tag("li"))
                    {
                        w.Link(section.Path, section.Title, ("aria-current", section == current ? "page" : null), ("title", section.Summary));
                    }
                }
            }
        }
    }

    private static void WriteTrail(HtmlWriter w, DashboardPage page)
    {
        if (page.Trail.Count == 0)
        {
            return;
        }

        using (w.Tag("nav", ("class", "trail"), ("aria-label", "Breadcrumb")))
        using (w.Tag("ol"))
        {
            foreach (var (text, href) in page.Trail)
            {
                using (w.Tag("li"))
                {
                    w.Link(href, text);
                }
            }
        }
    }

    private static void WriteFooter(HtmlWriter w, string? twin)
    {
        using (w.Tag("footer", ("class", "foot")))
        {
            if (twin is not null)
            {
                w.Text("This page as JSON: ");
                w.Link(twin, twin, ("class", "twin"));
                w.Text(" · ");
            }

            w.Link("/docs", "API reference");
        }
    }
}
