using ChurnOps.Server.Dashboard.Rendering;

namespace ChurnOps.Server.Dashboard.Data;

/// <summary>
/// /ui/data (twin /api/v1/data), /ui/data/contracts/{id}?version=&amp;from=&amp;to= (twin /api/v1/data/contracts/{id}),
/// /ui/data/loads/{table}/{version} (twin /api/v1/data/loads/{table}/{version}).
/// </summary>
internal static class DataPages
{
    private static readonly DashboardSection Section = DashboardSection.Data;

    public static void Map(DashboardRoutes routes)
    {
        routes.Ui.MapGet("/data", async (DataReadModel model, CancellationToken ct) =>
        {
            var data = await model.OverviewAsync(ct).ConfigureAwait(false);
            return new DashboardPageResult(new DashboardPage("Data", Section, "/api/v1/data", w => WriteOverview(w, data)));
        });
        routes.Ui.MapGet("/data/contracts/{id}", async (string id, string? version, string? from, string? to, DataReadModel model, CancellationToken ct) =>
        {
            var detail = await model.ContractAsync(id, version, from, to, ct).ConfigureAwait(false);
            return detail.Problem is { } problem
                ? problem.ToPage(Section)
                : new DashboardPageResult(new DashboardPage($"Contract {detail.Value!.Id} {detail.Value.Version}", Section, "/api/v1/data/contracts/" + Uri.EscapeDataString(id), w => ContractView.Write(w, detail.Value))
                {
                    Trail = [("Data", Section.Path)],
                });
        });
        routes.Ui.MapGet("/data/loads/{table}/{version}", async (string table, string version, DataReadModel model, CancellationToken ct) =>
        {
            var detail = await model.LoadAsync(table, version, ct).ConfigureAwait(false);
            return detail.Problem is { } problem
                ? problem.ToPage(Section)
                : new DashboardPageResult(new DashboardPage($"Load of {table} · {DataTables.Short(version)}", Section, $"/api/v1/data/loads/{Uri.EscapeDataString(table)}/{Uri.EscapeDataString(version)}", w => LoadView.Write(w, detail.Value!))
                {
                    Trail = [("Data", Section.Path)],
                });
        });

        routes.Api.MapGet("/data", async (DataReadModel model, CancellationToken ct) => TypedResults.Ok(await model.OverviewAsync(ct).ConfigureAwait(false)))
            .WithSummary("Contracts, recent loads (dataset versions) and the SLA history.");
        routes.Api.MapGet("/data/contracts/{id}", async (string id, string? version, string? from, string? to, DataReadModel model, CancellationToken ct) =>
                (await model.ContractAsync(id, version, from, to, ct).ConfigureAwait(false)).ToApi())
            .WithSummary("A contract's versions, columns, SLAs and rules; with from and to, the changes between two versions.");
        routes.Api.MapGet("/data/loads/{table}/{version}", async (string table, string version, DataReadModel model, CancellationToken ct) =>
                (await model.LoadAsync(table, version, ct).ConfigureAwait(false)).ToApi())
            .WithSummary("A load's counts, the rules its quarantined rows broke, and sample rows.");
    }

    private static void WriteOverview(HtmlWriter w, DataOverview data)
    {
        w.Element("h2", "Contracts");
        if (data.Contracts.Count == 0)
        {
            w.Element("p", "No contracts: write ODCS v3 YAML under contracts/ ('churnops init' writes the churn ones).", ("class", "muted"));
        }
        else
        {
            using (w.Tag("div", ("class", "scroll")))
            using (w.Tag("table"))
            {
                DataTables.Head(w, "Contract", "Version", "Status", "Producers", "Consumers", "Tables", "Versions#");
                using (w.Tag("tbody"))
                {
                    foreach (var c in data.Contracts)
                    {
                        using (w.Tag("tr"))
                        {
                            using (w.Tag("td"))
                            {
                                w.Link(DataTables.ContractLink(c.Id), c.Id);
                            }

                            w.Element("td", c.Version, ("class", "mono"));
                            using (w.Tag("td"))
                            {
                                SignalStyle.Pill(w, c.Status == "published" ? Signal.Green : c.Status == "pending-approval" ? Signal.Amber : Signal.Grey, c.Status);
                            }

                            w.Element("td", string.Join(", ", c.Owners.DefaultIfEmpty("—")));
                            w.Element("td", string.Join(", ", c.Consumers.DefaultIfEmpty("—")));
                            w.Element("td", string.Join(", ", c.Tables));
                            w.Element("td", DashboardFormat.Count(c.Versions), ("class", "num"));
                        }
                    }
                }
            }
        }

        w.Element("h2", "Loads and quarantine");
        DataTables.QuarantineChart(w, data.Loads);
        DataTables.Loads(w, data.Loads);
        w.Element("h2", "SLA history");
        DataTables.SlaHistory(w, data.SlaHistory);
    }
}
