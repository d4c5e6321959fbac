using System.Globalization;
using ChurnOps.Core.Alerts;
using ChurnOps.Core.Contracts;
using ChurnOps.Core.Datasets;
using ChurnOps.Core.Warehouse;

namespace ChurnOps.Server.Dashboard.Data;

/// <summary>
/// The Data section: contracts (store and project files) with versions and diffs, loads with their quarantine (read from
/// quarantine.&lt;table&gt; by load id, portable SQL), and the SLA history from the alert store.
/// </summary>
internal sealed class DataReadModel(ContractCatalog contracts, IDatasetVersionStore datasets, IAlertLifecycle alerts, IWarehouse warehouse)
{
    private const int MaxLoads = 200;
    private const int SampleRows = 10;

    public async Task<DataOverview> OverviewAsync(CancellationToken cancellationToken)
    {
        var latest = await contracts.LatestAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<ContractRow>();
        foreach (var contract in latest)
        {
            var versions = await contracts.VersionsAsync(contract.Id, cancellationToken).ConfigureAwait(false);
            rows.Add(new ContractRow(contract.Id, contract.Version, contract.Status, contract.Source, contract.Owners, contract.Consumers, contract.Tables, versions.Count));
        }

        var loads = (await datasets.ListAsync(null, MaxLoads, cancellationToken).ConfigureAwait(false)).Select(ToRow).ToList();
        var sla = (await alerts.ListAsync(Alert.DataSlaViolation, null, 200, cancellationToken).ConfigureAwait(false))
            .Select(a => new SlaEvent(a.Id, a.RaisedAt, a.Subject, a.Rule, a.Measured, a.Threshold, a.Team, a.Status, a.Message)).ToList();
        return new DataOverview(rows, loads, sla);
    }

    public async Task<DashboardOutcome<ContractDetail>> ContractAsync(string id, string? version, string? from, string? to, CancellationToken cancellationToken)
    {
        var versions = await contracts.VersionsAsync(id, cancellationToken).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            return DashboardProblem.NotFound("Contract not found", $"There is no contract '{DashboardErrors.Excerpt(id, 80)}' in the contract store or the project's contracts/ folder.");
        }

        var shown = version is null ? versions[0] : versions.FirstOrDefault(v => v.Version == version);
        if (shown is null)
        {
            return DashboardProblem.NotFound("Contract version not found", $"Contract '{id}' has no version '{DashboardErrors.Excerpt(version, 40)}'.");
        }

        IReadOnlyList<ContractChangeRow>? changes = null;
        if (from is not null || to is not null)
        {
            var before = versions.FirstOrDefault(v => v.Version == from);
            var after = versions.FirstOrDefault(v => v.Version == to);
            if (before?.Contract is null || after?.Contract is null)
            {
                return DashboardProblem.BadRequest("Pick two versions", $"Both 'from' and 'to' must name versions of '{id}' ({string.Join(", ", versions.Select(v => v.Version))}).");
            }

            changes = [.. ContractDiff.Compare(before.Contract, after.Contract).Select(c => new ContractChangeRow(c.Severity.ToString().ToLowerInvariant(), c.Path, c.Message))];
        }

        var contract = shown.Contract;
        var properties = contract?.Schema.SelectMany(s => s.Properties.Select(p => new ContractPropertyRow(s.Name, p.Name, p.LogicalType ?? p.PhysicalType, p.Required, p.Unique, p.PrimaryKey, p.Classification, Checks(p)))).ToList() ?? [];
        var slas = contract?.Sla.Select(s => $"{s.Property}: {s.Value}{(s.Unit is null ? string.Empty : " " + s.Unit)}{(s.Element is null ? string.Empty : " on " + s.Element)}").ToList() ?? [];
        var quality = contract?.Schema.SelectMany(s => s.Quality.Select(q => $"{s.Name}: {q.Name ?? q.Rule ?? q.Type}{(q.Description is null ? string.Empty : " — " + q.Description)}")).ToList() ?? [];
        var loads = (await datasets.ListAsync(null, MaxLoads, cancellationToken).ConfigureAwait(false)).Where(d => d.ContractId == id).Select(ToRow).ToList();
        return new ContractDetail(id, shown.Version, shown.Owners, shown.Consumers,
            [.. versions.Select(v => new ContractVersionRow(v.Version, v.Status, v.Source, v.PublishedAt, v.PublishedBy))],
            properties, slas, quality, shown.Yaml, from, to, changes, loads);
    }

    public async Task<DashboardOutcome<LoadDetail>> LoadAsync(string table, string version, CancellationToken cancellationToken)
    {
        var load = await datasets.GetAsync(table, version, cancellationToken).ConfigureAwait(false);
        if (load is null)
        {
            return DashboardProblem.NotFound("Load not found", $"Table '{DashboardErrors.Excerpt(table, 60)}' has no dataset version '{DashboardErrors.Excerpt(version, 80)}'.");
        }

        var row = ToRow(load);
        if (load.RowsQuarantined == 0 || !await warehouse.TableExistsAsync("quarantine", table, cancellationToken).ConfigureAwait(false))
        {
            return new LoadDetail(row, [], [], []);
        }

        var quarantine = SqlIdentifier.Qualified("quarantine", table);
        var thisLoad = $"{SqlIdentifier.Quote("_load_id")} = {SqlIdentifier.Literal(version)}";
        var rules = await warehouse.QueryAsync($"SELECT CAST({SqlIdentifier.Quote("_rules")} AS VARCHAR) AS rules, COUNT(*) AS n FROM {quarantine} WHERE {thisLoad} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 50", cancellationToken).ConfigureAwait(false);
        var broken = Enumerable.Range(0, rules.RowCount).Select(i => new RuleCount(Text(rules.Columns[0], i) ?? "—", (long)(rules.Columns[1].Numbers?[i] ?? 0))).ToList();
        var columns = (await warehouse.DescribeAsync("quarantine", table, cancellationToken).ConfigureAwait(false))
            .Select(c => c.Name).Where(n => n is not "_load_id" and not "_loaded_at").ToList();
        // The rules and where the row came from first: that is what a data engineer looks for.
        columns = [.. columns.Where(n => n is "_rules" or "_source_file" or "_source_line"), .. columns.Where(n => n is not ("_rules" or "_source_file" or "_source_line"))];
        var select = string.Join(", ", columns.Select(c => $"CAST({SqlIdentifier.Quote(c)} AS VARCHAR) AS {SqlIdentifier.Quote(c)}"));
        var sample = await warehouse.QueryAsync($"SELECT {select} FROM {quarantine} WHERE {thisLoad} ORDER BY {SqlIdentifier.Quote("_source_file")}, {SqlIdentifier.Quote("_source_line")} LIMIT {SampleRows.ToString(CultureInfo.InvariantCulture)}", cancellationToken).ConfigureAwait(false);
        var rowsOut = Enumerable.Range(0, sample.RowCount).Select(i => (IReadOnlyList<string?>)[.. sample.Columns.Select(c => Text(c, i))]).ToList();
        return new LoadDetail(row, broken, columns, rowsOut);
    }

    private static string? Text(Core.Data.TabularColumn column, int row) =>
        column.Texts is { } texts ? texts[row] : column.Numbers is { } numbers ? numbers[row].ToString(CultureInfo.InvariantCulture) : null;

    private static IReadOnlyList<string> Checks(ContractProperty p)
    {
        var checks = new List<string>();
        if (p.Minimum is { } min)
        {
            checks.Add($"≥ {min.ToString(CultureInfo.InvariantCulture)}");
        }

        if (p.Maximum is { } max)
        {
            checks.Add($"≤ {max.ToString(CultureInfo.InvariantCulture)}");
        }

        if (p.ValidValues is { Count: > 0 } values)
        {
            checks.Add("one of " + string.Join(", ", values.Take(8)) + (values.Count > 8 ? ", …" : string.Empty));
        }

        if (p.Pattern is { } pattern)
        {
            checks.Add("matches " + pattern);
        }

        checks.AddRange(p.Quality.Select(q => q.Name ?? q.Rule ?? q.Type));
        return checks;
    }

    private static LoadRow ToRow(DatasetVersion d) =>
        new(d.Table, d.Version, d.ContractId, d.ContractVersion, d.CreatedAt, d.RowsRead, d.RowsAccepted, d.RowsQuarantined, d.Files);
}
