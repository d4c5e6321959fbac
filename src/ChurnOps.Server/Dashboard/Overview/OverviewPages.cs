using ChurnOps.Server.Dashboard.Charts;
using ChurnOps.Server.Dashboard.Rendering;

namespace ChurnOps.Server.Dashboard.Overview;

/// <summary>/ui/overview (twin /api/v1/overview): the hand-off chain of each model as a picture and as a table.</summary>
internal static class OverviewPages
{
    public const string JsonTwin = "/api/v1/overview";

    public static void Map(DashboardRoutes routes)
    {
        routes.Ui.MapGet("/overview", RenderAsync);
        routes.Api.MapGet("/overview", async (IServiceProvider services, CancellationToken cancellationToken) =>
                TypedResults.Ok(await ReadModel(services).ReadAsync(cancellationToken).ConfigureAwait(false)))
            .WithSummary("The hand-off chain per model: contract → feature view → model → deployment → consumers, each with its signal.");
    }

    private static async Task<DashboardPageResult> RenderAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var snapshot = await ReadModel(services).ReadAsync(cancellationToken).ConfigureAwait(false);
        return new DashboardPageResult(new DashboardPage($"Overview · {snapshot.Project}", DashboardSection.Overview, JsonTwin, w => Write(w, snapshot)));
    }

    private static OverviewReadModel ReadModel(IServiceProvider services) => services.GetRequiredService<OverviewReadModel>();

    private static void Write(HtmlWriter w, OverviewSnapshot snapshot)
    {
        using (w.Tag("p", ("class", "muted")))
        {
            w.Text("Each box is one hand-off, coloured by its state (green healthy, amber attention, red failing, grey no data yet). As of ");
            DashboardFormat.Time(w, snapshot.At);
            w.Text(". ");
            w.Link("/ui/alerts", $"{DashboardFormat.Count(snapshot.OpenAlerts)} open alert(s)");
            w.Text(".");
        }

        foreach (var chain in snapshot.Chains)
        {
            using (w.Tag("section", ("class", "panel"), ("aria-labelledby", "chain-" + chain.Model)))
            {
                w.Element("h2", "Model " + chain.Model, ("id", "chain-" + chain.Model));
                ChainDiagram.Write(w, $"Hand-off chain of {chain.Model}", [.. chain.Stages.Select(ToNode)]);
                WriteTable(w, chain);
            }
        }
    }

    private static ChainNode ToNode(OverviewStage stage) =>
        new(stage.Stage, stage.Name, stage.Signal, [
            "owner: " + stage.Owner,
            "checked: " + DashboardFormat.ShortTime(stage.LastCheck),
            stage.OpenAlerts == 1 ? "1 open alert" : $"{stage.OpenAlerts} open alerts",
            .. stage.Reasons.Take(1)], stage.Href);

    private static void WriteTable(HtmlWriter w, OverviewChain chain)
    {
        using (w.Tag("div", ("class", "scroll")))
        using (w.Tag("table"))
        {
            w.Element("caption", $"The chain of {chain.Model} as a table.");
            using (w.Tag("thead"))
            using (w.Tag("tr"))
            {
                foreach (var heading in new[] { "Stage", "What", "State", "Owner", "Last check", "Open alerts", "Why" })
                {
                    w.Element("th", heading, ("scope", "col"), ("class", heading == "Open alerts" ? "num" : null));
                }
            }

            using (w.Tag("tbody"))
            {
                foreach (var stage in chain.Stages)
                {
                    using (w.Tag("tr"))
                    {
                        w.Element("th", stage.Stage, ("scope", "row"));
                        using (w.Tag("td"))
                        {
                            if (stage.Href is null)
                            {
                                w.Text(stage.Name);
                            }
                            else
                            {
                                w.Link(stage.Href, stage.Name);
                            }
                        }

                        using (w.Tag("td"))
                        {
                            SignalStyle.Pill(w, stage.Signal);
                        }

                        w.Element("td", stage.Owner);
                        using (w.Tag("td"))
                        {
                            DashboardFormat.Time(w, stage.LastCheck);
                        }

                        w.Element("td", DashboardFormat.Count(stage.OpenAlerts), ("class", "num"));
                        w.Element("td", stage.Reasons.Count == 0 ? "—" : string.Join("; ", stage.Reasons));
                    }
                }
            }
        }
    }
}
