using System.CommandLine;
using ChurnOps.Cli.Output;
using ChurnOps.Platform.Ownership;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Handoffs;

/// <summary>`churnops handoffs [--team T]`: the hand-off ledger (contracts, feature views, model versions, the API).</summary>
internal static class HandoffsCommand
{
    public static Command Create()
    {
        var team = new Option<string?>("--team") { Description = "Only hand-offs this team produces, consumes or is accountable for." };
        var command = new Command("handoffs", "The hand-off ledger: producer → consumers, accountable team, SLAs, green/amber/red with the reason, sign-offs and open alerts.");
        command.Options.Add(team);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var handoffs = await workspace.Services.GetRequiredService<HandoffLedger>().ListAsync(parse.GetValue(team), ct).ConfigureAwait(false);
            console.WriteJson(handoffs);
            console.Table(["kind", "subject", "producer", "consumers", "accountable", "sla", "status", "reason", "sign-offs", "alerts"], handoffs.Select(h => (IReadOnlyList<string>)
            [
                h.Kind,
                h.Subject,
                h.Producer,
                string.Join(", ", h.Consumers),
                h.Accountable,
                string.Join(", ", h.Sla.Select(s => $"{s.Name} {s.Target}")),
                h.Status,
                h.Reason,
                string.Join(", ", h.SignOffs.Select(s => $"{s.Decision} by {s.By}")),
                h.OpenAlerts.Count == 0 ? string.Empty : string.Join(", ", h.OpenAlerts.Select(a => $"#{a.Id} {a.Type}")),
            ]));
            return 0;
        });
        return command;
    }
}
