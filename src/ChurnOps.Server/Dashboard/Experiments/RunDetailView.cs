using ChurnOps.Server.Dashboard.Rendering;

namespace ChurnOps.Server.Dashboard.Experiments;

/// <summary>A run: its facts, the evaluation plots training logged (ROC, PR, calibration, importance), metrics, params, datasets, tags and artifacts.</summary>
internal static class RunDetailView
{
    private static readonly string[] PlotOrder = ["plots/roc.png", "plots/pr.png", "plots/calibration.png", "plots/feature_importance.png"];

    public static void Write(HtmlWriter w, RunDetail detail)
    {
        var run = detail.Run;
        if (detail.LifecycleStage == "deleted")
        {
            w.Element("p", "This run is deleted: it no longer shows in its experiment's runs. MLflow's runs/restore brings it back until it is removed for good.", ("class", "notice"), ("role", "status"));
        }

        using (w.Tag("div", ("class", "cards")))
        {
            Card(w, "Status", run.Status.ToLowerInvariant());
            Card(w, "Started", DashboardFormat.Millis(run.StartTime));
            Card(w, "Duration", RunTableView.Duration(run));
            Card(w, "User", string.IsNullOrEmpty(run.UserId) ? "—" : run.UserId);
        }

        using (w.Tag("p", ("class", "muted mono")))
        {
            w.Text("Run id " + run.RunId + " · artifacts at " + detail.ArtifactUri);
        }

        var plots = detail.Artifacts.Where(a => a.IsImage).OrderBy(a => Array.IndexOf(PlotOrder, a.Path) is var i && i < 0 ? int.MaxValue : i).ThenBy(a => a.Path, StringComparer.Ordinal).ToList();
        if (plots.Count > 0)
        {
            w.Element("h2", "Plots");
            using (w.Tag("div", ("class", "grid")))
            {
                foreach (var plot in plots.Take(12))
                {
                    using (w.Tag("figure"))
                    {
                        w.Void("img", ("src", RunLinks.Artifact(run.RunId, plot.Path)), ("alt", PlotName(plot.Path) + " of run " + RunTableView.Name(run)), ("loading", "lazy"));
                        w.Element("figcaption", PlotName(plot.Path));
                    }
                }
            }
        }

        using (w.Tag("div", ("class", "grid")))
        {
            using (w.Tag("section"))
            {
                w.Element("h2", "Metrics");
                KeyValues(w, "Metric", "Value", run.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => (m.Key, DashboardFormat.Number(m.Value))), numeric: true);
            }

            using (w.Tag("section"))
            {
                w.Element("h2", "Params");
                KeyValues(w, "Param", "Value", run.Params.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, DashboardErrors.Excerpt(p.Value, 200))), numeric: false);
            }
        }

        if (detail.Inputs.Count > 0)
        {
            w.Element("h2", "Datasets");
            KeyValues(w, "Dataset", "Digest · context", detail.Inputs.Select(i => (i.Name, i.Digest + (i.Context is null ? string.Empty : " · " + i.Context))), numeric: false);
        }

        w.Element("h2", "Artifacts");
        if (detail.Artifacts.Count == 0)
        {
            w.Element("p", "This run logged no artifacts.", ("class", "muted"));
        }
        else
        {
            using (w.Tag("div", ("class", "scroll")))
            using (w.Tag("table"))
            {
                using (w.Tag("thead"))
                using (w.Tag("tr"))
                {
                    w.Element("th", "Path", ("scope", "col"));
                    w.Element("th", "Size", ("scope", "col"), ("class", "num"));
                }

                using (w.Tag("tbody"))
                {
                    foreach (var file in detail.Artifacts)
                    {
                        using (w.Tag("tr"))
                        {
                            using (w.Tag("td", ("class", "mono")))
                            {
                                w.Link(file.IsImage ? RunLinks.Artifact(run.RunId, file.Path) : RunLinks.Download(run.RunId, file.Path), file.Path);
                            }

                            w.Element("td", file.SizeBytes is { } size ? DashboardFormat.Count(size) + " B" : "—", ("class", "num"));
                        }
                    }
                }
            }

            if (detail.ArtifactsTruncated)
            {
                w.Element("p", "Only the first 500 artifacts are listed.", ("class", "muted"));
            }
        }

        if (detail.Tags.Count > 0)
        {
            using (w.Tag("details"))
            {
                w.Element("summary", $"Tags ({detail.Tags.Count})");
                KeyValues(w, "Tag", "Value", detail.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => (t.Key, DashboardErrors.Excerpt(t.Value, 300))), numeric: false);
            }
        }
    }

    private static void Card(HtmlWriter w, string label, string value)
    {
        using (w.Tag("div", ("class", "card")))
        {
            w.Element("div", value, ("class", "value"));
            w.Element("div", label, ("class", "label"));
        }
    }

    internal static void KeyValues(HtmlWriter w, string keyHeading, string valueHeading, IEnumerable<(string Key, string Value)> rows, bool numeric)
    {
        using (w.Tag("div", ("class", "scroll")))
        using (w.Tag("table"))
        {
            using (w.Tag("thead"))
            using (w.Tag("tr"))
            {
                w.Element("th", keyHeading, ("scope", "col"));
                w.Element("th", valueHeading, ("scope", "col"), ("class", numeric ? "num" : null));
            }

            using (w.Tag("tbody"))
            {
                foreach (var (key, value) in rows)
                {
                    using (w.Tag("tr"))
                    {
                        w.Element("th", key, ("scope", "row"), ("class", "mono"));
                        w.Element("td", value, ("class", numeric ? "num" : "mono"));
                    }
                }
            }
        }
    }

    private static string PlotName(string path) => path switch
    {
        "plots/roc.png" => "ROC curve",
        "plots/pr.png" => "Precision–recall curve",
        "plots/calibration.png" => "Calibration",
        "plots/feature_importance.png" => "Feature importance",
        _ => path,
    };
}
