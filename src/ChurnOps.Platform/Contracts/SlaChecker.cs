using System.Globalization;
using ChurnOps.Core.Alerts;
using ChurnOps.Core.Contracts;
using ChurnOps.Core.Datasets;
using ChurnOps.Core.Warehouse;
using ChurnOps.Platform.Alerts;
using ChurnOps.Platform.Projects;

namespace ChurnOps.Platform.Contracts;

/// <summary>
/// Checks each contract's SLAs against the warehouse: freshness (newest value of the SLA's element, or the last load
/// time, against the threshold), completeness (accepted share of the latest load) and availability (the table has rows).
/// Every miss raises a <c>DataSLAViolation</c> alert for the contract's producer team, delivered to the log sink and
/// to the team's webhook when churnops.yaml gives one. Built per check with <c>ActivatorUtilities.CreateInstance</c>: the
/// stores come from the container, the sinks and the HTTP client from the caller.
/// </summary>
public sealed class SlaChecker(
    ProjectLayout layout,
    ProjectConfig config,
    IWarehouse warehouse,
    IAlertStore alerts,
    IDatasetVersionStore datasetVersions,
    TimeProvider time,
    IAlertSink logSink,
    HttpClient? http = null,
    int webhookAttempts = 4,
    TimeSpan? webhookBaseDelay = null)
{
    public async Task<SlaReport> CheckAsync(IReadOnlyList<string>? contractFiles, CancellationToken ct)
    {
        var files = contractFiles is { Count: > 0 }
            ? contractFiles
            : Directory.Exists(layout.ContractsDir) ? Directory.GetFiles(layout.ContractsDir, "*.yaml").Order(StringComparer.Ordinal).ToList() : [];
        var measurements = new List<SlaMeasurement>();
        var errors = new List<string>();
        foreach (var file in files)
        {
            var parsed = await ContractParser.ParseFileAsync(file, ct).ConfigureAwait(false);
            if (parsed.Contract is not { } contract)
            {
                errors.Add($"{file}: {parsed.FirstError}");
                continue;
            }

            measurements.AddRange(await MeasureAsync(contract, ct).ConfigureAwait(false));
        }

        var raised = new List<Alert>();
        var deliveryErrors = new List<string>();
        foreach (var miss in measurements.Where(m => !m.Met))
        {
            var alert = new Alert(0, Alert.DataSlaViolation, $"{miss.Contract}/{miss.Table}", miss.Property, miss.Measured, miss.Threshold, miss.Team, miss.Message, time.GetUtcNow());
            var (stored, failures) = await new AlertDispatcher(alerts, SinksFor(miss.Team)).RaiseAsync(alert, ct).ConfigureAwait(false);
            raised.Add(stored);
            deliveryErrors.AddRange(failures);
        }

        return new SlaReport(measurements, raised, deliveryErrors, errors);
    }

    private List<IAlertSink> SinksFor(string team)
    {
        var sinks = new List<IAlertSink> { logSink };
        var teams = team.Split(", ", StringSplitOptions.RemoveEmptyEntries);
        foreach (var settings in config.Teams.Where(t => teams.Contains(t.Name, StringComparer.Ordinal) && !string.IsNullOrWhiteSpace(t.Webhook)))
        {
            if (http is not null && Uri.TryCreate(settings.Webhook, UriKind.Absolute, out var url))
            {
                sinks.Add(new WebhookAlertSink(http, url, time, webhookAttempts, webhookBaseDelay));
            }
        }

        return sinks;
    }

    private async Task<List<SlaMeasurement>> MeasureAsync(DataContract contract, CancellationToken ct)
    {
        var result = new List<SlaMeasurement>();
        var team = string.Join(", ", contract.Producers);
        var now = time.GetUtcNow();
        foreach (var sla in contract.Sla)
        {
            var (schema, column) = Element(contract, sla.Element);
            if (schema is null)
            {
                continue;
            }

            var table = schema.TableName;
            var exists = await warehouse.TableExistsAsync("staging", table, ct).ConfigureAwait(false);
            var rows = exists ? Convert.ToInt64(await warehouse.ScalarAsync($"SELECT count(*) FROM {SqlIdentifier.Qualified("staging", table)}", ct).ConfigureAwait(false), CultureInfo.InvariantCulture) : 0;
            switch (sla.Property.ToUpperInvariant())
            {
                case "FRESHNESS" when sla.Duration is { } limit:
                {
                    var threshold = $"{sla.Value} {sla.Unit}";
                    if (rows == 0)
                    {
                        result.Add(new(contract.Id, table, "freshness", "no data", threshold, false, team, $"{table}: no data in staging.{table}; freshness must be within {threshold}"));
                        break;
                    }

                    var newestColumn = column is not null && schema.FindProperty(column) is not null ? column : "_loaded_at";
                    var newest = await warehouse.ScalarAsync($"SELECT CAST(max({SqlIdentifier.Quote(newestColumn)}) AS TIMESTAMP) FROM {SqlIdentifier.Qualified("staging", table)}", ct).ConfigureAwait(false);
                    var newestAt = newest is DateTime dt ? new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)) : (DateTimeOffset?)null;
                    var age = newestAt is { } at ? now - at : TimeSpan.MaxValue;
                    var ageText = newestAt is null ? "no values" : $"{age.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} h (newest {newestColumn} {newestAt:u})";
                    result.Add(new(contract.Id, table, "freshness", ageText, threshold, age <= limit, team, $"{table}.{newestColumn} is {ageText} old; the contract allows {threshold}"));
                    break;
                }

                case "COMPLETENESS" when sla.NumericValue is { } percent:
                {
                    var latest = (await datasetVersions.ListAsync(table, 1, ct).ConfigureAwait(false)).FirstOrDefault();
                    var measured = latest is null || latest.RowsRead == 0 ? 0 : 100.0 * latest.RowsAccepted / latest.RowsRead;
                    var text = latest is null ? "no loads" : $"{measured.ToString("0.##", CultureInfo.InvariantCulture)} % accepted in {latest.Version}";
                    result.Add(new(contract.Id, table, "completeness", text, $">= {sla.Value} %", latest is not null && measured >= percent, team, $"{table}: {text}; the contract requires {sla.Value} %"));
                    break;
                }

                case "AVAILABILITY":
                    result.Add(new(contract.Id, table, "availability", rows > 0 ? $"{rows} rows" : "no data", "table has rows", rows > 0, team,
                        rows > 0 ? $"staging.{table} is available" : $"staging.{table} is missing or empty"));
                    break;
            }
        }

        return result;
    }

    /// <summary>"customers.updated_at" → (customers schema, "updated_at"); no element → the first table and no column.</summary>
    private static (ContractSchema? Schema, string? Column) Element(DataContract contract, string? element)
    {
        if (string.IsNullOrWhiteSpace(element))
        {
            return (contract.Schema.FirstOrDefault(), null);
        }

        var dot = element.LastIndexOf('.');
        return dot < 0
            ? (contract.Schema.FirstOrDefault(), element)
            : (contract.FindSchema(element[..dot]) ?? contract.Schema.FirstOrDefault(), element[(dot + 1)..]);
    }
}
