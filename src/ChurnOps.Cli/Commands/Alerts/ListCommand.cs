using System.CommandLine;
using System.Globalization;
using ChurnOps.Cli.Output;
using ChurnOps.Core.Alerts;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Alerts;

internal static class ListCommand
{
    public static Command Create()
    {
        var type = new Option<string?>("--type") { Description = "Only alerts of this type (DataSLAViolation…)." };
        var status = new Option<string?>("--status") { Description = "Only alerts in this status (open, acked, resolved)." };
        var limit = new Option<int>("--limit") { Description = "At most this many alerts.", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "List alerts, newest first.");
        command.Options.Add(type);
        command.Options.Add(status);
        command.Options.Add(limit);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var wanted = parse.GetValue(status)?.Trim().ToLowerInvariant();
            if (wanted is not (null or AlertStatus.Open or AlertStatus.Acked or AlertStatus.Resolved))
            {
                return CliConsole.Error($"--status: '{Truncate(wanted)}' is not open, acked or resolved", 2);
            }

            var alerts = await workspace.Services.GetRequiredService<IAlertLifecycle>().ListAsync(parse.GetValue(type), wanted, parse.GetValue(limit), ct).ConfigureAwait(false);
            console.WriteJson(alerts);
            console.Table(["id", "status", "severity", "type", "subject", "rule", "measured", "threshold", "team", "at", "runbook"], alerts.Select(a => (IReadOnlyList<string>)
                [a.Id.ToString(CultureInfo.InvariantCulture), a.Status, a.Severity, a.Type, a.Subject, a.Rule, a.Measured, a.Threshold, a.Team, a.RaisedAt.ToString("u", CultureInfo.InvariantCulture), a.Runbook ?? string.Empty]));
            return 0;
        });
        return command;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
