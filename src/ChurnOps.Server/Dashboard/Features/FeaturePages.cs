using ChurnOps.Server.Dashboard.Charts;
using ChurnOps.Server.Dashboard.Rendering;

namespace ChurnOps.Server.Dashboard.Features;

/// <summary>/ui/features (twin /api/v1/features/views) and /ui/features/{view} (twin /api/v1/features/views/{view}).</summary>
internal static class FeaturePages
{
    private static readonly DashboardSection Section = DashboardSection.Features;

    public static void Map(DashboardRoutes routes)
    {
        routes.Ui.MapGet("/features", async (FeaturesReadModel model, CancellationToken ct) =>
        {
            var list = await model.ListAsync(ct).ConfigureAwait(false);
            return new DashboardPageResult(new DashboardPage("Features", Section, "/api/v1/features/views", w => WriteList(w, list)));
        });
        routes.Ui.MapGet("/features/{view}", async (string view, FeaturesReadModel model, CancellationToken ct) =>
        {
            var detail = await model.ViewAsync(view, ct).ConfigureAwait(false);
            return detail.Problem is { } problem
                ? problem.ToPage(Section)
                : new DashboardPageResult(new DashboardPage("Feature view " + detail.Value!.View.Name, Section, "/api/v1/features/views/" + Uri.EscapeDataString(view), w => WriteView(w, detail.Value))
                {
                    Trail = [("Features", Section.Path)],
                });
        });
        routes.Api.MapGet("/features/views", async (FeaturesReadModel model, CancellationToken ct) => TypedResults.Ok(await model.ListAsync(ct).ConfigureAwait(false)))
            .WithSummary("Current feature views with their last build, materialization and the model versions trained on them.");
        routes.Api.MapGet("/features/views/{view}", async (string view, FeaturesReadModel model, CancellationToken ct) => (await model.ViewAsync(view, ct).ConfigureAwait(false)).ToApi())
            .WithSummary("A feature view: versions, per-feature statistics with histograms of the last build, and its SQL.");
    }

    private static void WriteList(HtmlWriter w, IReadOnlyList<FeatureViewRow> list)
    {
        if (list.Count == 0)
        {
            w.Element("p", "No feature views yet: 'churnops features apply' registers features/*.yaml.", ("class", "notice"));
            return;
        }

        using (w.Tag("div", ("class", "scroll")))
        using (w.Tag("table"))
        {
            Data.DataTables.Head(w, "View", "Version", "Entity", "Owner", "Features#", "Last build", "Rows#", "Online", "Used by");
            using (w.Tag("tbody"))
            {
                foreach (var view in list)
                {
                    using (w.Tag("tr"))
                    {
                        using (w.Tag("td"))
                        {
                            w.Link("/ui/features/" + Uri.EscapeDataString(view.Name), view.Name);
                        }

                        w.Element("td", Data.DataTables.Short(view.Version), ("class", "mono"), ("title", view.Version));
                        w.Element("td", view.Entity);
                        w.Element("td", view.Owner ?? "—");
                        w.Element("td", DashboardFormat.Count(view.FeatureCount), ("class", "num"));
                        using (w.Tag("td"))
                        {
                            if (view.LastBuiltAt is null)
                            {
                                SignalStyle.Pill(w, Signal.Amber, "never built");
                            }
                            else
                            {
                                DashboardFormat.Time(w, view.LastBuiltAt);
                            }
                        }

                        w.Element("td", view.TableRows is { } rows ? DashboardFormat.Count(rows) : "—", ("class", "num"));
                        w.Element("td", view.MaterializedAt is null ? "not materialized" : $"{DashboardFormat.Count(view.OnlineEntities ?? 0)} entities, {DashboardFormat.Time(view.MaterializedAt)}");
                        UsedBy(w, view.UsedBy);
                    }
                }
            }
        }
    }

    private static void UsedBy(HtmlWriter w, IReadOnlyList<ModelUse> uses)
    {
        using (w.Tag("td"))
        {
            if (uses.Count == 0)
            {
                w.Text("—");
                return;
            }

            var first = true;
            foreach (var use in uses.OrderByDescending(u => u.Aliases.Count).ThenByDescending(u => u.Version).Take(6))
            {
                if (!first)
                {
                    w.Text(", ");
                }

                first = false;
                w.Link("/ui/models/" + Uri.EscapeDataString(use.Model), $"{use.Model} v{use.Version}" + (use.Aliases.Count > 0 ? $" ({string.Join(", ", use.Aliases)})" : string.Empty) + (use.OnCurrentVersion ? string.Empty : " · older view version"));
            }

            if (uses.Count > 6)
            {
                w.Text($" and {uses.Count - 6} more");
            }
        }
    }

    private static void WriteView(HtmlWriter w, FeatureViewDetail detail)
    {
        var view = detail.View;
        using (w.Tag("p"))
        {
            w.Text(view.Description ?? string.Empty);
        }

        using (w.Tag("p", ("class", "muted")))
        {
            w.Text($"Entity {view.Entity} · source {view.Source} · owner {view.Owner ?? "—"} · time to live {detail.Ttl} · version ");
            w.Element("span", view.Version, ("class", "mono"));
        }

        w.Element("h2", "Versions and the models trained on them");
        using (w.Tag("div", ("class", "scroll")))
        using (w.Tag("table"))
        {
            Data.DataTables.Head(w, "Version", "Registered", "Current", "Models");
            using (w.Tag("tbody"))
            {
                foreach (var version in detail.Versions)
                {
                    using (w.Tag("tr"))
                    {
                        w.Element("td", Data.DataTables.Short(version.Version), ("class", "mono"), ("title", version.Version));
                        using (w.Tag("td"))
                        {
                            DashboardFormat.Time(w, version.RegisteredAt);
                        }

                        using (w.Tag("td"))
                        {
                            SignalStyle.Pill(w, version.Current ? Signal.Green : Signal.Grey, version.Current ? "current" : "older");
                        }

                        w.Element("td", version.Models.Count == 0 ? "—" : string.Join(", ", version.Models));
                    }
                }
            }
        }

        w.Element("h2", "Statistics of the last build");
        if (detail.Statistics.Count == 0)
        {
            w.Element("p", "Not built yet: 'churnops features build' computes the view and its statistics.", ("class", "muted"));
        }
        else
        {
            WriteStatistics(w, detail.Statistics);
        }

        using (w.Tag("details"))
        {
            w.Element("summary", "SQL");
            w.Element("pre", detail.Sql);
        }
    }

    private static void WriteStatistics(HtmlWriter w, IReadOnlyList<FeatureStat> stats)
    {
        using (w.Tag("div", ("class", "scroll")))
        using (w.Tag("table"))
        {
            Data.DataTables.Head(w, "Feature", "Count#", "Nulls#", "Distinct#", "Mean#", "Std#", "Min#", "Max#");
            using (w.Tag("tbody"))
            {
                foreach (var s in stats)
                {
                    using (w.Tag("tr"))
                    {
                        using (w.Tag("th", ("scope", "row"), ("class", "mono")))
                        {
                            w.Link("#hist-" + s.Feature, s.Feature);
                        }

                        w.Element("td", DashboardFormat.Count(s.Count), ("class", "num"));
                        w.Element("td", DashboardFormat.Count(s.Nulls), ("class", "num"));
                        w.Element("td", DashboardFormat.Count(s.Distinct), ("class", "num"));
                        w.Element("td", DashboardFormat.Number(s.Mean), ("class", "num"));
                        w.Element("td", DashboardFormat.Number(s.Std), ("class", "num"));
                        w.Element("td", DashboardFormat.Number(s.Min), ("class", "num"));
                        w.Element("td", DashboardFormat.Number(s.Max), ("class", "num"));
                    }
                }
            }
        }

        w.Element("h3", "Histograms");
        using (w.Tag("div", ("class", "charts")))
        {
            foreach (var s in stats.Where(s => s.Histogram.Count > 0))
            {
                using (w.Tag("figure", ("id", "hist-" + s.Feature)))
                {
                    // Numeric bins are labelled by where they start (a full range per bar would not fit under it).
                    BarChart.Write(w, s.Feature, s.IsNumeric ? "value (bin start)" : "value", "rows", [.. s.Histogram.Select(b => s.IsNumeric && b.Lower is { } low ? ChartScale.Format(low) : b.Label)], [new BarSeries("rows", [.. s.Histogram.Select(b => (double)b.Count)])]);
                    if (s.Description is not null)
                    {
                        w.Element("figcaption", s.Description);
                    }
                }
            }
        }
    }
}
