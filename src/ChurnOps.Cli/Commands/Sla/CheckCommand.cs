using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Alerts;
using ChurnOps.Platform.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChurnOps.Cli.Commands.Sla;

internal static class CheckCommand
{
    public static Command Create()
    {
        var contracts = new Option<string[]>("--contract") { Description = "Contract files to check (default: every contracts/*.yaml)." };
        var command = new Command("check", "Measure every SLA; each miss records a DataSLAViolation alert for the producer team (exit code 2).");
        command.Options.Add(contracts);
        ProjectAction.Set(command, async (parse, workspace, console, ct) =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var checker = ActivatorUtilities.CreateInstance<SlaChecker>(workspace.Services, new LogAlertSink(NullLogger<LogAlertSink>.Instance), http);
            var report = await checker.CheckAsync(parse.GetValue(contracts), ct).ConfigureAwait(false);
            console.WriteJson(report);
            console.Table(["", "contract", "table", "sla", "measured", "threshold", "notify"], report.Measurements.Select(m => (IReadOnlyList<string>)
                [m.Met ? "ok" : "VIOLATED", m.Contract, m.Table, m.Property, m.Measured, m.Threshold, m.Met ? string.Empty : m.Team]));
            foreach (var alert in report.Alerts)
            {
                console.Line($"alert #{alert.Id} {alert.Type} → {alert.Team}: {alert.Message}");
            }

            foreach (var failure in report.DeliveryErrors)
            {
                console.Line("delivery failed: " + failure);
            }

            if (report.Errors.Count > 0)
            {
                return CliConsole.Error(string.Join("; ", report.Errors));
            }

            return report.AllMet ? 0 : CliConsole.Error($"{report.Alerts.Count} SLA violation(s); alerts recorded for {string.Join(", ", report.Alerts.Select(a => a.Team).Distinct())}", 2);
        });
        return command;
    }
}
