using System.CommandLine;
using System.Globalization;
using ChurnOps.Cli.Output;
using ChurnOps.Core.Audit;
using ChurnOps.Platform.Audit;
using ChurnOps.Platform.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnOps.Cli.Commands.Audit;

/// <summary>`churnops audit list [--since T] [--actor A] [--object O] [--action X]`: entries, newest first.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var since = new Option<string?>("--since") { Description = "Only entries at or after this time: ISO-8601 (2026-11-30T04:00:00Z) or an age (30m, 12h, 7d)." };
        var actor = new Option<string?>("--actor") { Description = "Only entries by this actor (name) or team." };
        var target = new Option<string?>("--object") { Description = "Only entries on this object: an id (churn/3), anything under it (churn) or kind:id (deployment:7)." };
        var action = new Option<string?>("--action") { Description = "Only this action (model_version.approve) or noun (model_version)." };
        var limit = new Option<int>("--limit") { Description = "At most this many entries.", DefaultValueFactory = _ => 100 };
        var command = new Command("list", "List audit entries, newest first.");
        command.Options.Add(since);
        command.Options.Add(actor);
        command.Options.Add(target);
        command.Options.Add(action);
        command.Options.Add(limit);
        ProjectAction.Set(command, ProjectAccess.ReadOnly, async (parse, workspace, console, ct) =>
        {
            var (from, error) = AuditSince.Parse(parse.GetValue(since), workspace.Time.GetUtcNow());
            if (error is not null)
            {
                return CliConsole.Error("--" + error, 2);
            }

            if (parse.GetValue(limit) is < 1 or > AuditQuery.MaxResults)
            {
                return CliConsole.Error($"--limit: must be between 1 and {AuditQuery.MaxResults}", 2);
            }

            var log = workspace.Services.GetRequiredService<IAuditLog>();
            var entries = await log.QueryAsync(new AuditQuery(from, parse.GetValue(actor), parse.GetValue(target), parse.GetValue(action), parse.GetValue(limit)), ct).ConfigureAwait(false);
            console.WriteJson(entries.Select(AuditEntryView.From).ToList());
            console.Table(["id", "at", "actor", "team", "origin", "action", "object", "outcome", "status", "reason"], entries.Select(e => (IReadOnlyList<string>)
            [
                e.Id.ToString(CultureInfo.InvariantCulture),
                e.Record.At.ToString("u", CultureInfo.InvariantCulture),
                e.Record.Actor.Name,
                e.Record.Actor.Team ?? string.Empty,
                e.Record.Origin,
                e.Record.Action,
                $"{e.Record.ObjectKind}:{e.Record.ObjectId}",
                e.Record.Outcome,
                e.Record.Status?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                e.Record.Reason is { Length: > 80 } reason ? reason[..80] + "…" : e.Record.Reason ?? string.Empty,
            ]));
            return 0;
        });
        return command;
    }
}
